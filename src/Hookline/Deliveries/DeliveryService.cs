using System.Security.Claims;
using Hookline.Api;
using Hookline.Auth;
using Hookline.Calls;
using Hookline.Core.Calls;
using Hookline.Core.Tokens;
using Hookline.Locations;
using Hookline.Storage;
using Hookline.Templates;
using Hookline.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Deliveries;

/// <summary>What to list: every filter is optional; <see cref="Before"/> and <see cref="After"/> page by id.</summary>
public sealed record DeliveryFilter(
    string? WebhookId = null, string? LocationId = null, string? CallId = null, string? Status = null, DateTimeOffset? Since = null,
    int? Limit = null, string? Before = null, string? After = null);

/// <summary>One page, newest first, with the cursors of the pages beside it (null where there is none).</summary>
public sealed record DeliveryPage(List<Delivery> Items, string? Older, string? Newer);

/// <summary>A delivery with the webhook it goes to and its every attempt.</summary>
public sealed record DeliveryRecord(Delivery Delivery, Webhook Webhook, List<DeliveryAttempt> Attempts);

/// <summary>The rules of the delivery log and of sending by hand, for the API and the pages alike.</summary>
public sealed class DeliveryService(
    HooklineDbContext db, DeliveryStore store, TemplateStore templates, WebhookTargets targets, WebhookSender sender, DeliverySignal signal, TimeProvider time)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
    public static readonly string[] Statuses = [DeliveryStatus.Pending, DeliveryStatus.Delivered, DeliveryStatus.Failed];

    /// <summary>
    /// The caller's deliveries, newest first. Ids are time-ordered, so a page is found by the id it starts after,
    /// through the primary key, never by an offset over the whole log.
    /// </summary>
    public async Task<Outcome<DeliveryPage>> ListAsync(DeliveryFilter filter, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var v = new Validation();
        if (filter.Status is not null) v.OneOf("status", filter.Status, Statuses);
        if (filter.Limit is < 1 or > MaxLimit) v.Add("limit", $"limit is 1 to {MaxLimit}.");
        foreach (var (field, cursor) in new[] { ("before", filter.Before), ("after", filter.After) })
        {
            if (cursor is not null && !Ids.IsWellFormed("dlv", cursor))
                v.Add(field, $"{field} is the id of a delivery (dlv_…), as the Link header gives it (got '{Validation.Clip(cursor)}').");
        }
        if (!v.IsValid) return v.ToFailure();
        if (filter.LocationId is not null && await LocationService.Find(filter.LocationId, user, db, ct).ConfigureAwait(false) is null)
            return Outcome.NotFound("Location");

        var take = filter.Limit ?? DefaultLimit;
        var group = user.GroupId();
        var admin = user.IsAdmin();
        var query = db.Deliveries.AsNoTracking().Where(d => admin || d.GroupId == group);
        if (filter.WebhookId is { } webhookId) query = query.Where(d => d.WebhookId == webhookId);
        if (filter.LocationId is { } locationId) query = query.Where(d => db.Webhooks.Any(w => w.Id == d.WebhookId && w.LocationId == locationId));
        if (filter.CallId is { } callId) query = query.Where(d => d.CallId == callId);
        if (filter.Status is { } status) query = query.Where(d => d.Status == status);
        if (filter.Since is { } since) query = query.Where(d => d.CreatedAt >= since);

        List<Delivery> items;
        bool more;
        if (filter.After is { } after)
        {
            // The page before (newer than) a delivery: read upwards from it, then show newest first.
            items = await query.Where(d => string.Compare(d.Id, after) > 0).OrderBy(d => d.Id).Take(take + 1).ToListAsync(ct).ConfigureAwait(false);
            more = items.Count > take;
            items = [.. items.Take(take).Reverse()];
            return new DeliveryPage(items, items.Count > 0 ? items[^1].Id : null, more ? items[0].Id : null);
        }
        if (filter.Before is { } before) query = query.Where(d => string.Compare(d.Id, before) < 0);
        items = await query.OrderByDescending(d => d.Id).Take(take + 1).ToListAsync(ct).ConfigureAwait(false);
        more = items.Count > take;
        items = [.. items.Take(take)];
        return new DeliveryPage(items, more ? items[^1].Id : null, filter.Before is not null && items.Count > 0 ? items[0].Id : null);
    }

    public async Task<DeliveryRecord?> FindAsync(string id, ClaimsPrincipal user, CancellationToken ct)
    {
        var delivery = await db.Deliveries.FindVisibleAsync(id, user, ct).ConfigureAwait(false);
        if (delivery is null) return null;
        var webhook = await db.Webhooks.AsNoTracking().FirstAsync(w => w.Id == delivery.WebhookId, ct).ConfigureAwait(false);
        var attempts = await db.DeliveryAttempts.AsNoTracking().Where(a => a.DeliveryId == id).OrderBy(a => a.Id).ToListAsync(ct).ConfigureAwait(false);
        return new DeliveryRecord(delivery, webhook, attempts);
    }

    /// <summary>Makes a delivery pending and due now, whatever its status, with a fresh retry window.</summary>
    public async Task<Outcome<Delivery>> RetryAsync(string id, ClaimsPrincipal user, CancellationToken ct)
    {
        var delivery = await db.Deliveries.FindVisibleAsync(id, user, ct, track: true).ConfigureAwait(false);
        if (delivery is null) return Outcome.NotFound("Delivery");
        DeliveryStore.Retry(delivery, time.GetUtcNow());
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        signal.Notify();
        return delivery;
    }

    /// <summary>Queues again every failed delivery of the webhook created since then; the answer is how many.</summary>
    public async Task<Outcome<int>> RecoverAsync(string webhookId, DateTimeOffset? since, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await WebhookService.Find(webhookId, user, db, ct).ConfigureAwait(false) is null) return Outcome.NotFound("Webhook");
        if (since is not { } from) return Outcome.Invalid("since", "since is required: an ISO 8601 time.");
        var queued = await store.RecoverAsync(webhookId, from, time.GetUtcNow(), ct).ConfigureAwait(false);
        if (queued > 0) signal.Notify();
        return queued;
    }

    public async Task<Outcome<HealthResponse>> HealthAsync(string webhookId, ClaimsPrincipal user, CancellationToken ct)
    {
        var webhook = await WebhookService.Find(webhookId, user, db, ct).ConfigureAwait(false);
        if (webhook is null) return Outcome.NotFound("Webhook");
        var pending = await db.Deliveries.CountAsync(d => d.WebhookId == webhookId && d.Status == DeliveryStatus.Pending, ct).ConfigureAwait(false);
        var health = await db.WebhookHealth.AsNoTracking().FirstOrDefaultAsync(h => h.WebhookId == webhookId, ct).ConfigureAwait(false)
            ?? new WebhookHealth { WebhookId = webhookId };
        return new HealthResponse(health.IsDown ? "down" : "up", health.ConsecutiveFailures, health.LastSuccessAt,
            health.LastFailureAt, pending, health.IsDown ? health.NextProbeAt : null);
    }

    /// <summary>Sends the template rendered with the example call (at the webhook's location) now; nothing is stored.</summary>
    public async Task<Outcome<TestResult>> SendTestAsync(string webhookId, ClaimsPrincipal user, CancellationToken ct)
    {
        var webhook = await WebhookService.Find(webhookId, user, db, ct).ConfigureAwait(false);
        if (webhook is null) return Outcome.NotFound("Webhook");
        var template = webhook.TemplateId is { } templateId ? await templates.GetCompiledAsync(db, templateId, ct).ConfigureAwait(false) : null;
        if (template is null && !WebhookBodies.IsPixel(webhook)) return Outcome.Conflict("The webhook's template no longer exists.");
        var location = await LocationService.Find(webhook.LocationId, user, db, ct).ConfigureAwait(false);
        var example = ExampleCall.Call;
        var data = CallDataBuilder.Build(example.Values, example.PromptResponses, location, null, example.Tags);
        var target = targets.ToTarget(webhook);
        var (contentType, body) = WebhookBodies.Render(webhook, template, data, CallMoment.End);
        var url = WebhookBodies.UrlOf(WebhookBodies.RenderUrl(webhook, template, data, CallMoment.End), target.Url);
        var result = await sender.SendAsync(new OutboundRequest(Ids.New("test"), target.Method, url, target.Headers,
            body, contentType, target.SigningSecret, target.SuccessCodes, target.Auth), ct).ConfigureAwait(false);
        return new TestResult(result.Delivered, result.StatusCode, (long)result.Duration.TotalMilliseconds, result.Error);
    }
    /// <summary>
    /// <see cref="ListAsync"/>'s page with what a table shows beside each delivery: its webhook's and location's names and
    /// the status code of its last attempt (two more queries for the page, by key).
    /// </summary>
    public async Task<Outcome<DeliveryRowPage>> ListRowsAsync(DeliveryFilter filter, ClaimsPrincipal user, CancellationToken ct)
    {
        var page = await ListAsync(filter, user, ct).ConfigureAwait(false);
        if (!page.IsOk) return page.Failure!;
        var items = page.Value.Items;
        var ids = items.ConvertAll(d => d.Id);
        var webhookIds = items.Select(d => d.WebhookId).Distinct().ToList();
        var webhooks = await db.Webhooks.AsNoTracking().Where(w => webhookIds.Contains(w.Id))
            .Join(db.Locations, w => w.LocationId, l => l.Id, (w, l) => new { w.Id, w.Name, w.LocationId, LocationName = l.Name })
            .ToDictionaryAsync(w => w.Id, ct).ConfigureAwait(false);
        var lastAttempts = db.DeliveryAttempts.Where(a => ids.Contains(a.DeliveryId)).GroupBy(a => a.DeliveryId).Select(g => g.Max(a => a.Id));
        var codes = await db.DeliveryAttempts.AsNoTracking().Where(a => lastAttempts.Contains(a.Id))
            .Select(a => new { a.DeliveryId, a.StatusCode }).ToDictionaryAsync(a => a.DeliveryId, a => a.StatusCode, ct).ConfigureAwait(false);
        var rows = items.ConvertAll(d =>
        {
            // A webhook deleted since the page was read took its deliveries with it; the row still reads.
            var w = webhooks.GetValueOrDefault(d.WebhookId);
            return new DeliveryRow(d, w?.Name ?? d.WebhookId, w?.LocationId ?? "", w?.LocationName ?? "", codes.GetValueOrDefault(d.Id));
        });
        return new DeliveryRowPage(rows, page.Value.Older, page.Value.Newer);
    }

    /// <summary>
    /// The location's deliveries per hour over the last 24 hours (the current hour and the 23 before it, UTC), oldest
    /// first, counted by the hour each was created; null when the caller cannot see the location.
    /// </summary>
    public async Task<List<HourCount>?> HourlyAsync(string locationId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await LocationService.Find(locationId, user, db, ct).ConfigureAwait(false) is null) return null;
        var now = time.GetUtcNow();
        var first = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-23);
        var webhookIds = db.Webhooks.Where(w => w.LocationId == locationId).Select(w => w.Id);
        // Naming every status lets the (webhook, status, created) index seek each combination to the last 24 hours,
        // rather than read a webhook's whole history.
        var rows = await db.Deliveries.AsNoTracking()
            .Where(d => webhookIds.Contains(d.WebhookId) && Statuses.Contains(d.Status) && d.CreatedAt >= first)
            .Select(d => new { d.CreatedAt, d.Status, d.Attempts }).ToListAsync(ct).ConfigureAwait(false);
        var hours = new (int Delivered, int Failed)[24];
        foreach (var row in rows)
        {
            var hour = (int)((row.CreatedAt - first).Ticks / TimeSpan.TicksPerHour);
            if (hour is < 0 or > 23) continue;
            if (row.Status == DeliveryStatus.Delivered) hours[hour].Delivered++;
            else if (row.Status == DeliveryStatus.Failed || row.Attempts > 0) hours[hour].Failed++;
        }
        return [.. hours.Select((h, i) => new HourCount(first.AddHours(i), h.Delivered, h.Failed))];
    }
}
