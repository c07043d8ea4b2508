using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Hookline.Api;
using Hookline.Auth;
using Hookline.Core.Conditions;
using Hookline.Deliveries;
using Hookline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hookline.Webhooks;

/// <summary>A call for which a webhook's condition did not hold, so the delivery it would have made was not made.</summary>
public sealed class SkippedCall
{
    public long Id { get; init; }
    public required string WebhookId { get; init; }
    public required string GroupId { get; init; }
    public required string CallId { get; init; }

    /// <summary>The moment skipped: <c>begin</c>, <c>select</c>, <c>end</c> or <c>update</c>.</summary>
    public required string At { get; init; }
    public DateTimeOffset SkippedAt { get; init; }
    public required string Token { get; init; }
    public required string Op { get; init; }

    /// <summary>The condition's value as JSON (a string or, for <c>in</c>, a list); null for <c>empty</c> and <c>notEmpty</c>.</summary>
    public string? Value { get; init; }

    public static SkippedCall Of(string webhookId, string groupId, string callId, string at, Condition failed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(failed);
        return new SkippedCall
        {
            WebhookId = webhookId, GroupId = groupId, CallId = callId, At = at, SkippedAt = now, Token = failed.Token, Op = failed.OpName,
            Value = failed.Values is { } values ? JsonSerializer.Serialize(values) : failed.Value is { } value ? JsonSerializer.Serialize(value) : null,
        };
    }
}

public sealed record SkippedCallResponse(string CallId, string At, DateTimeOffset SkippedAt, ConditionInput Condition)
{
    public static SkippedCallResponse From(SkippedCall s)
    {
        ArgumentNullException.ThrowIfNull(s);
        JsonElement? value = s.Value is null ? null : JsonDocument.Parse(s.Value).RootElement.Clone();
        return new(s.CallId, s.At, s.SkippedAt, new ConditionInput(s.Token, s.Op, value));
    }
}

/// <summary>
/// The skip log: written with the intake's transaction that evaluated the conditions, and pruned there to the newest
/// <see cref="Kept"/> of each webhook, so it never grows past that whatever the traffic.
/// </summary>
public static class SkippedCalls
{
    public const int Kept = 1000;
    public const int DefaultLimit = 50;

    public static RouteGroupBuilder MapSkippedCalls(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGroup("/webhooks").WithTags("Webhooks").MapGet("/{id}/skipped", List)
            .WithSummary("The calls the webhook's conditions skipped, newest first, each with the condition that failed (the last 1,000 are kept)");
        return api;
    }

    private static async Task<Results<Ok<List<SkippedCallResponse>>, ProblemHttpResult>> List(
        string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct, int? limit = null) =>
        (await ListAsync(db, id, limit, user, ct).ConfigureAwait(false)).ToHttp(list => TypedResults.Ok(list.ConvertAll(SkippedCallResponse.From)));

    /// <summary>A webhook's skipped calls, newest first; not found for a webhook the caller cannot see.</summary>
    public static async Task<Outcome<List<SkippedCall>>> ListAsync(HooklineDbContext db, string webhookId, int? limit, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (limit is < 1 or > Kept) return Outcome.Invalid("limit", string.Create(CultureInfo.InvariantCulture, $"limit is 1 to {Kept:N0}."));
        if (await db.Webhooks.FindVisibleAsync(webhookId, user, ct).ConfigureAwait(false) is null) return Outcome.NotFound("Webhook");
        return await db.SkippedCalls.AsNoTracking().Where(s => s.WebhookId == webhookId).OrderByDescending(s => s.Id).Take(limit ?? DefaultLimit)
            .ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Adds the skips of one intake write to its transaction, then keeps the newest <see cref="Kept"/> of each webhook.</summary>
    internal static async Task WriteAsync(StatementBatch rows, IReadOnlyList<SkippedCall> skips, CancellationToken ct)
    {
        if (skips.Count == 0) return;
        var insert = rows.Statement("""
            INSERT INTO skipped_calls ("WebhookId", "GroupId", "CallId", "At", "SkippedAt", "Token", "Op", "Value")
            VALUES (@webhook, @group, @call, @at, @skipped, @token, @op, @value)
            """, "webhook", "group", "call", "at", "skipped", "token", "op", "value");
        foreach (var s in skips)
        {
            await rows.RunAsync(insert, ct, s.WebhookId, s.GroupId, s.CallId, s.At, s.SkippedAt.ToUnixTimeMilliseconds(), s.Token, s.Op,
                DeliveryStore.Text(s.Value));
        }
        var prune = rows.Statement("""
            DELETE FROM skipped_calls WHERE "WebhookId" = @webhook AND "Id" < (
              SELECT MIN("Id") FROM (SELECT "Id" FROM skipped_calls WHERE "WebhookId" = @webhook ORDER BY "Id" DESC LIMIT @kept) AS newest)
            """, "webhook", "kept");
        foreach (var webhookId in skips.Select(s => s.WebhookId).Distinct(StringComparer.Ordinal)) await rows.RunAsync(prune, ct, webhookId, Kept);
    }
}

/// <summary>The skip log for the pages, with the tenancy of every webhook route.</summary>
public sealed class SkippedCallService(HooklineDbContext db)
{
    public Task<Outcome<List<SkippedCall>>> ListAsync(string webhookId, int? limit, ClaimsPrincipal user, CancellationToken ct) =>
        SkippedCalls.ListAsync(db, webhookId, limit, user, ct);

    /// <summary>A condition's stored value as a person reads it: the text, or the values of <c>in</c> separated by commas.</summary>
    public static string ValueText(string? json)
    {
        if (json is null) return "";
        using var document = JsonDocument.Parse(json);
        var value = document.RootElement;
        return value.ValueKind == JsonValueKind.Array ? string.Join(", ", value.EnumerateArray().Select(v => v.GetString())) : value.GetString() ?? "";
    }
}

internal sealed class SkippedCallConfiguration : IEntityTypeConfiguration<SkippedCall>
{
    public void Configure(EntityTypeBuilder<SkippedCall> builder)
    {
        builder.ToTable("skipped_calls");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => new { s.WebhookId, s.Id });
        builder.HasOne<Webhook>().WithMany().HasForeignKey(s => s.WebhookId).OnDelete(DeleteBehavior.Cascade);
    }
}
