using System.Security.Claims;
using System.Threading.Channels;
using Hookline.Api;
using Hookline.Auth;
using Hookline.Locations;
using Hookline.Storage;
using Hookline.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Deliveries;

/// <summary><c>POST /api/v1/deliveries/retry</c>: which deliveries to queue again.</summary>
public sealed record RetryMatchingRequest(
    string? WebhookId, string? LocationId, string? Status, DateTimeOffset? Since, DateTimeOffset? Until = null, string? CallId = null);

/// <summary>A replay's filter, its tenancy applied: <paramref name="GroupId"/> null only for an admin key.</summary>
public sealed record ReplayFilter(
    string? GroupId, string? WebhookId, string? LocationId, string Status, DateTimeOffset Since, DateTimeOffset Until, string? CallId);

/// <summary>
/// Replay by filter: the request is answered at once with how many deliveries match, and the matching ones are queued
/// again here in the background, in batches of <see cref="BatchSize"/> walked by (creation, id), each batch its own
/// short UPDATE: a million matches neither time out the request nor hold the database for long. Each batch wakes the
/// dispatcher, and the webhook's health <c>pending</c> shows the progress. A replay under way when the node stops is
/// not resumed; sending the request again queues what is still failed.
/// </summary>
public sealed partial class DeliveryReplays(IServiceScopeFactory scopes, DeliverySignal signal, TimeProvider time, ILogger<DeliveryReplays> logger)
    : BackgroundService
{
    public const int BatchSize = 1_000;

    private static readonly string[] Statuses = [DeliveryStatus.Failed, DeliveryStatus.Pending];

    private readonly Channel<ReplayFilter> _jobs = Channel.CreateUnbounded<ReplayFilter>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Checks and counts a replay, and queues it; the answer is how many matched when the request came.</summary>
    public async Task<Outcome<int>> StartAsync(RetryMatchingRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
        var filter = await FilterAsync(request, user, db, ct).ConfigureAwait(false);
        if (!filter.IsOk) return filter.Failure!;
        var matched = await Query(db, filter.Value).CountAsync(ct).ConfigureAwait(false);
        if (matched > 0) _jobs.Writer.TryWrite(filter.Value);
        return matched;
    }

    /// <summary>How many deliveries a replay would queue now, with the same checks: what a confirmation names.</summary>
    public async Task<Outcome<int>> CountAsync(RetryMatchingRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
        var filter = await FilterAsync(request, user, db, ct).ConfigureAwait(false);
        if (!filter.IsOk) return filter.Failure!;
        return await Query(db, filter.Value).CountAsync(ct).ConfigureAwait(false);
    }

    // Every field of the request is an addition's (API.md "Retries, chosen per webhook, and replay by filter"): 422.
    private static readonly string[] ReplayFields = ["status", "since", "until", "callId", "webhookId", "locationId"];

    private async Task<Outcome<ReplayFilter>> FilterAsync(RetryMatchingRequest request, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var v = new Validation();
        if (request.Status is null) v.Add("status", "status is required: failed or pending.");
        else v.OneOf("status", request.Status, Statuses);
        if (request.Since is null) v.Add("since", "since is required: an ISO 8601 time.");
        if (request.Until is { } u && request.Since is { } s && u < s) v.Add("until", "until must not be before since.");
        v.Optional("callId", request.CallId);
        if (!v.IsValid) return v.ToFailure(ReplayFields);
        if (request.WebhookId is not null && await WebhookService.Find(request.WebhookId, user, db, ct).ConfigureAwait(false) is null)
            return Outcome.NotFound("Webhook");
        if (request.LocationId is not null && await LocationService.Find(request.LocationId, user, db, ct).ConfigureAwait(false) is null)
            return Outcome.NotFound("Location");

        // What matched when the request came: later deliveries are not replayed by it.
        return new ReplayFilter(user.IsAdmin() ? null : user.GroupId() ?? "", request.WebhookId, request.LocationId, request.Status!,
            request.Since!.Value, request.Until ?? time.GetUtcNow(), request.CallId);
    }

    internal static IQueryable<Delivery> Query(HooklineDbContext db, ReplayFilter f)
    {
        var q = db.Deliveries.Where(d => d.Status == f.Status && d.CreatedAt >= f.Since && d.CreatedAt <= f.Until);
        if (f.GroupId is { } group) q = q.Where(d => d.GroupId == group);
        if (f.WebhookId is { } webhook) q = q.Where(d => d.WebhookId == webhook);
        if (f.LocationId is { } location) q = q.Where(d => db.Webhooks.Where(w => w.LocationId == location).Select(w => w.Id).Contains(d.WebhookId));
        if (f.CallId is { } call) q = q.Where(d => d.CallId == call);
        return q;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _jobs.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    var queued = await ReplayAsync(job, stoppingToken).ConfigureAwait(false);
                    LogReplayed(logger, queued);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogReplayFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is not queued yet stays as it was.
        }
    }

    /// <summary>Walks the matches in (creation, id) order, one batch at a time; returns how many were queued.</summary>
    public async Task<int> ReplayAsync(ReplayFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        DateTimeOffset? lastAt = null;
        var lastId = "";
        var queued = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
            var gate = scope.ServiceProvider.GetRequiredService<WriteGate>();
            var q = Query(db, filter);
            if (lastAt is { } at) q = q.Where(d => d.CreatedAt > at || (d.CreatedAt == at && string.Compare(d.Id, lastId) > 0));
            var batch = await q.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).Select(d => new { d.Id, d.CreatedAt }).Take(BatchSize)
                .ToListAsync(ct).ConfigureAwait(false);
            if (batch.Count == 0) return queued;
            (lastAt, lastId) = (batch[^1].CreatedAt, batch[^1].Id);
            var ids = batch.ConvertAll(b => b.Id);
            var now = time.GetUtcNow();
            using (await gate.EnterAsync(ct).ConfigureAwait(false))
            {
                // Still as matched, and not held by a sender (a pending one in flight is not sent twice).
                queued += await db.Deliveries.Where(d => ids.Contains(d.Id) && d.Status == filter.Status && (d.LeaseUntil == null || d.LeaseUntil <= now))
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Pending).SetProperty(d => d.NextAttemptAt, now)
                        .SetProperty(d => d.WindowStart, now).SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null)
                        .SetProperty(d => d.LeasedBy, (string?)null), ct).ConfigureAwait(false);
            }
            signal.Notify();
            if (batch.Count < BatchSize) return queued;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay by filter queued {Count} deliveries again")]
    private static partial void LogReplayed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Replay by filter stopped; send the request again to queue the rest")]
    private static partial void LogReplayFailed(ILogger logger, Exception exception);
}

public static class DeliveryReplayServiceCollectionExtensions
{
    public static IServiceCollection AddDeliveryReplays(this IServiceCollection services)
    {
        services.AddSingleton<DeliveryReplays>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryReplays>());
        return services;
    }
}
