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
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Deliveries;

public static class DeliveriesApi
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    public static RouteGroupBuilder MapDeliveries(this RouteGroupBuilder api)
    {
        var deliveries = api.MapGroup("/deliveries").WithTags("Deliveries");
        deliveries.MapGet("/", List).WithSummary("Deliveries, newest first; page with before=<last id>");
        deliveries.MapGet("/{id}", Get).WithSummary("A delivery with its request (secrets masked) and attempts");
        deliveries.MapPost("/{id}/retry", Retry).WithSummary("Send a delivery again now, whatever its status");

        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks");
        webhooks.MapPost("/{id}/test", Test).WithSummary("Send the template rendered with the example call now; nothing is stored");
        webhooks.MapGet("/{id}/health", Health).WithSummary("Whether the receiver is up, its failures in a row, and the deliveries waiting");
        webhooks.MapPost("/{id}/recover", Recover).WithSummary("Queue again every failed delivery of the webhook created since a time");
        return api;
    }

    private static async Task<Results<Ok<List<DeliverySummary>>, ProblemHttpResult>> List(
        HttpContext http, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct,
        string? webhookId = null, string? callId = null, string? status = null, DateTimeOffset? since = null, int? limit = null, string? before = null)
    {
        if (status is not (null or DeliveryStatus.Pending or DeliveryStatus.Delivered or DeliveryStatus.Failed))
            return Problems.Invalid("status", "status must be pending, delivered or failed.");
        if (limit is < 1 or > MaxLimit) return Problems.Invalid("limit", $"limit is 1 to {MaxLimit}.");
        if (before is not null && !Ids.IsWellFormed("dlv", before))
            return Problems.Invalid("before", $"before is the id of the last delivery of the previous page (dlv_…), as the Link header gives it (got '{Validation.Clip(before)}').");
        var take = limit ?? DefaultLimit;
        var group = user.GroupId();
        var query = db.Deliveries.AsNoTracking().Where(d => user.IsAdmin() || d.GroupId == group);
        if (webhookId is not null) query = query.Where(d => d.WebhookId == webhookId);
        if (callId is not null) query = query.Where(d => d.CallId == callId);
        if (status is not null) query = query.Where(d => d.Status == status);
        if (since is { } from) query = query.Where(d => d.CreatedAt >= from);
        // Ids are time-ordered, so "before this id" pages newest first without an offset.
        if (before is not null) query = query.Where(d => string.Compare(d.Id, before) < 0);
        var page = await query.OrderByDescending(d => d.Id).Take(take).ToListAsync(ct).ConfigureAwait(false);
        if (page.Count == take)
        {
            var next = QueryString.Create([.. http.Request.Query.Where(q => q.Key != "before").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v))),
                KeyValuePair.Create("before", (string?)page[^1].Id)]);
            http.Response.Headers.Link = $"<{http.Request.PathBase}{http.Request.Path}{next}>; rel=\"next\"";
        }
        return TypedResults.Ok(page.ConvertAll(DeliverySummary.From));
    }

    private static async Task<Results<Ok<DeliveryDetail>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        var delivery = await Find(id, user, db, ct).ConfigureAwait(false);
        if (delivery is null) return Problems.NotFound("Delivery");
        var webhook = await db.Webhooks.AsNoTracking().FirstAsync(w => w.Id == delivery.WebhookId, ct).ConfigureAwait(false);
        var attempts = await db.DeliveryAttempts.AsNoTracking().Where(a => a.DeliveryId == id).OrderBy(a => a.Id).ToListAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(DeliveryDetail.From(delivery, webhook, attempts));
    }

    private static async Task<Results<Accepted<DeliverySummary>, ProblemHttpResult>> Retry(
        string id, ClaimsPrincipal user, HooklineDbContext db, DeliverySignal signal, TimeProvider time, CancellationToken ct)
    {
        var delivery = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (delivery is null) return Problems.NotFound("Delivery");
        var now = time.GetUtcNow();
        delivery.Status = DeliveryStatus.Pending;
        delivery.NextAttemptAt = now;
        delivery.WindowStart = now;
        // An attempt still in flight then only logs its result: the retry asked for here still happens.
        delivery.LeaseUntil = null;
        delivery.LeasedBy = null;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        signal.Notify();
        return TypedResults.Accepted($"/api/v1/deliveries/{id}", DeliverySummary.From(delivery));
    }

    private static async Task<Results<Ok<TestResult>, ProblemHttpResult>> Test(
        string id, ClaimsPrincipal user, HooklineDbContext db, TemplateStore templates, WebhookTargets targets, WebhookSender sender, CancellationToken ct)
    {
        var webhook = await WebhooksApi.Find(id, user, db, ct).ConfigureAwait(false);
        if (webhook is null) return Problems.NotFound("Webhook");
        var template = await templates.GetCompiledAsync(db, webhook.TemplateId, ct).ConfigureAwait(false);
        if (template is null) return Problems.Conflict("The webhook's template no longer exists.");
        var location = await LocationsApi.Find(webhook.LocationId, user, db, ct).ConfigureAwait(false);
        // The example call, at this webhook's location.
        var example = ExampleCall.Call;
        var data = CallDataBuilder.Build(example.Values, example.PromptResponses, location, null, example.Tags);
        var target = targets.ToTarget(webhook);
        var result = await sender.SendAsync(new OutboundRequest(Ids.New("test"), target.Method, target.Url, target.Headers,
            template.Render(data, CallMoment.End), template.ContentType, target.SigningSecret, target.SuccessCodes), ct).ConfigureAwait(false);
        return TypedResults.Ok(new TestResult(result.Delivered, result.StatusCode, (long)result.Duration.TotalMilliseconds, result.Error));
    }

    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> Health(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        var webhook = await WebhooksApi.Find(id, user, db, ct).ConfigureAwait(false);
        if (webhook is null) return Problems.NotFound("Webhook");
        var pending = await db.Deliveries.CountAsync(d => d.WebhookId == id && d.Status == DeliveryStatus.Pending, ct).ConfigureAwait(false);
        return TypedResults.Ok(new HealthResponse(webhook.IsDown ? "down" : "up", webhook.ConsecutiveFailures, webhook.LastSuccessAt,
            webhook.LastFailureAt, pending, webhook.IsDown ? webhook.NextProbeAt : null));
    }

    private static async Task<Results<Accepted<QueuedResponse>, ProblemHttpResult>> Recover(
        string id, RecoverRequest request, ClaimsPrincipal user, HooklineDbContext db, DeliverySignal signal, TimeProvider time, CancellationToken ct)
    {
        if (await WebhooksApi.Find(id, user, db, ct).ConfigureAwait(false) is null) return Problems.NotFound("Webhook");
        if (request.Since is not { } since) return Problems.Invalid("since", "since is required: an ISO 8601 time.");
        var now = time.GetUtcNow();
        var queued = await db.Deliveries.Where(d => d.WebhookId == id && d.Status == DeliveryStatus.Failed && d.CreatedAt >= since)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Pending).SetProperty(d => d.NextAttemptAt, now)
                .SetProperty(d => d.WindowStart, now), ct).ConfigureAwait(false);
        if (queued > 0) signal.Notify();
        return TypedResults.Accepted($"/api/v1/deliveries?webhookId={id}&status=pending", new QueuedResponse(queued));
    }

    private static Task<Delivery?> Find(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct, bool track = false) =>
        db.Deliveries.FindVisibleAsync(id, user, ct, track);
}
