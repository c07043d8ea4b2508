using System.Security.Claims;
using Hookline.Api;
using Hookline.Auth;
using Hookline.Deliveries;
using Hookline.Locations;
using Hookline.Storage;
using Hookline.Templates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Webhooks;

public static class WebhooksApi
{
    private static readonly int[] AllowedSuccessCodes = [200, 201, 202, 203, 204];

    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder api)
    {
        var byLocation = api.MapGroup("/locations/{locationId}/webhooks").WithTags("Webhooks");
        byLocation.MapPost("/", Create).WithSummary("Create a webhook of a location; the signing secret is shown this once");
        byLocation.MapGet("/", List).WithSummary("List a location's webhooks");

        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks");
        webhooks.MapGet("/{id}", Get).WithSummary("Read a webhook (secret header values masked)");
        webhooks.MapPut("/{id}", Update).WithSummary("Update a webhook; a masked secret value keeps the stored one");
        webhooks.MapDelete("/{id}", Delete).WithSummary("Delete a webhook no campaign or treatment uses (with its deliveries: ?force=true while some are pending)");
        webhooks.MapPost("/{id}/signing-secret", RotateSecret).WithSummary("Replace the signing secret; the new one is shown this once");
        return api;
    }

    private static async Task<Results<Created<WebhookResponse>, ProblemHttpResult>> Create(
        string locationId, WebhookRequest request, ClaimsPrincipal user, HooklineDbContext db, SecretProtector secrets,
        TimeProvider time, CancellationToken ct)
    {
        var location = await LocationsApi.Find(locationId, user, db, ct).ConfigureAwait(false);
        if (location is null) return Problems.NotFound("Location");
        var v = await ValidateAsync(request, location.GroupId, [], db, ct).ConfigureAwait(false);
        if (!v.IsValid) return v.ToProblem();

        var signingSecret = WebhookSignature.GenerateSecret();
        var now = time.GetUtcNow();
        var webhook = new Webhook
        {
            Id = Ids.New("wh"), GroupId = location.GroupId, LocationId = location.Id, Name = "", Url = "", TemplateId = "", Method = "",
            ProtectedSigningSecret = secrets.Protect(signingSecret), CreatedAt = now, UpdatedAt = now,
        };
        Apply(request, webhook, secrets);
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/webhooks/{webhook.Id}", WebhookResponse.From(webhook, signingSecret, Warnings(webhook)));
    }

    private static async Task<Results<Ok<List<WebhookResponse>>, ProblemHttpResult>> List(string locationId, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        if (await LocationsApi.Find(locationId, user, db, ct).ConfigureAwait(false) is null) return Problems.NotFound("Location");
        var webhooks = await db.Webhooks.AsNoTracking().Where(w => w.LocationId == locationId).OrderBy(w => w.Id).ToListAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(webhooks.ConvertAll(w => WebhookResponse.From(w)));
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        var webhook = await Find(id, user, db, ct).ConfigureAwait(false);
        return webhook is null ? Problems.NotFound("Webhook") : TypedResults.Ok(WebhookResponse.From(webhook, warnings: Warnings(webhook)));
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Update(
        string id, WebhookRequest request, ClaimsPrincipal user, HooklineDbContext db, SecretProtector secrets, TimeProvider time, CancellationToken ct)
    {
        var webhook = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (webhook is null) return Problems.NotFound("Webhook");
        var v = await ValidateAsync(request, webhook.GroupId, webhook.Headers, db, ct).ConfigureAwait(false);
        if (!v.IsValid) return v.ToProblem();
        Apply(request, webhook, secrets);
        webhook.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(WebhookResponse.From(webhook, warnings: Warnings(webhook)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct, bool force = false)
    {
        var webhook = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (webhook is null) return Problems.NotFound("Webhook");
        var users = await WebhookUsage.FindAsync(db, webhook, ct).ConfigureAwait(false);
        if (users.Count > 0) return Problems.Conflict($"The webhook is used by {string.Join(", ", users)}; remove it there first.");
        var pending = await db.Deliveries.CountAsync(d => d.WebhookId == id && d.Status == DeliveryStatus.Pending, ct).ConfigureAwait(false);
        if (pending > 0 && !force)
            return Problems.Conflict($"The webhook has {pending} deliveries not yet delivered; they would be deleted with it. Add ?force=true to delete anyway.");
        db.Webhooks.Remove(webhook);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SigningSecretResponse>, ProblemHttpResult>> RotateSecret(
        string id, ClaimsPrincipal user, HooklineDbContext db, SecretProtector secrets, TimeProvider time, CancellationToken ct)
    {
        var webhook = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (webhook is null) return Problems.NotFound("Webhook");
        var signingSecret = WebhookSignature.GenerateSecret();
        webhook.ProtectedSigningSecret = secrets.Protect(signingSecret);
        webhook.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(new SigningSecretResponse(signingSecret));
    }

    internal static Task<Webhook?> Find(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct, bool track = false) =>
        db.Webhooks.FindVisibleAsync(id, user, ct, track);

    private static async Task<Validation> ValidateAsync(
        WebhookRequest r, string groupId, IReadOnlyList<HeaderRule> storedHeaders, HooklineDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("name", r.Name);
        ValidateUrl(v, r.Url);
        if (string.IsNullOrWhiteSpace(r.TemplateId)) v.Add("templateId", "templateId is required.");
        else if (!await TemplateStore.IsVisibleAsync(db, r.TemplateId, groupId, ct).ConfigureAwait(false))
            v.Add("templateId", $"templateId: no template '{Validation.Clip(r.TemplateId)}' is available to this location's group.");
        if (r.Method is not null) v.OneOf("method", r.Method.ToUpperInvariant(), "POST", "PUT");
        HeaderRules.Validate(v, r.Headers, storedHeaders);
        if (r.SuccessCodes is { } codes)
        {
            if (codes.Count == 0) v.Add("successCodes", "successCodes needs at least one code.");
            foreach (var code in codes.Where(c => !AllowedSuccessCodes.Contains(c)))
                v.Add("successCodes", $"successCodes: {code} is not one of 200, 201, 202, 203, 204.");
        }
        return v;
    }

    private static void ValidateUrl(Validation v, string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) { v.Add("url", "url is required."); return; }
        if (url.Length > 2048) { v.Add("url", "url is at most 2048 characters."); return; }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            v.Add("url", "url must be an absolute http:// or https:// URL.");
        else if (uri.Port is < 1 or > 65535)
            v.Add("url", "url must have a port from 1 to 65535.");
        else if (!string.IsNullOrEmpty(uri.UserInfo))
            v.Add("url", "url must not carry credentials; put them in a secret header.");
        else if (url.Any(char.IsControl))
            v.Add("url", "url must not contain control characters.");
    }

    private static void Apply(WebhookRequest r, Webhook w, SecretProtector secrets)
    {
        w.Name = r.Name!.Trim();
        w.Url = r.Url!.Trim();
        w.TemplateId = r.TemplateId!;
        w.Method = r.Method?.ToUpperInvariant() ?? "POST";
        w.SuccessCodes = r.SuccessCodes is { Count: > 0 } codes ? [.. codes.Distinct().Order()] : [.. AllowedSuccessCodes];
        var previous = w.Headers;
        w.Headers = (r.Headers ?? []).ConvertAll(h => new HeaderRule
        {
            Name = h.Name!,
            Secret = h.Secret,
            Value = !h.Secret ? h.Value!
                // The mask sent back unchanged keeps the stored secret, so a UI can save a form it did not edit.
                : h.Value == SecretProtector.Mask && HeaderRules.StoredSecret(previous, h.Name) is { } kept
                    ? kept.Value
                    : secrets.Protect(h.Value!),
        });
    }

    private static List<string> Warnings(Webhook w) =>
        OutboundAddressPolicy.WarningFor(new Uri(w.Url)) is { } warning ? [warning] : [];
}
