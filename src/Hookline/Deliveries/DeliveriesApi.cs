using System.Security.Claims;
using Hookline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hookline.Deliveries;

public static class DeliveriesApi
{
    public static RouteGroupBuilder MapDeliveries(this RouteGroupBuilder api)
    {
        var deliveries = api.MapGroup("/deliveries").WithTags("Deliveries");
        deliveries.MapGet("/", List).WithSummary("Deliveries, newest first; page with before=<last id> (older) or after=<first id> (newer)");
        deliveries.MapGet("/{id}", Get).WithSummary("A delivery with its request (secrets masked) and attempts");
        deliveries.MapPost("/{id}/retry", Retry).WithSummary("Send a delivery again now, whatever its status");
        deliveries.MapPost("/retry", RetryMatching).WithSummary("Queue again every delivery a filter matches; the queueing goes on in the background");

        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks");
        webhooks.MapPost("/{id}/test", Test).WithSummary("Send the template rendered with the example call now; nothing is stored");
        webhooks.MapGet("/{id}/health", Health).WithSummary("Whether the receiver is up, its failures in a row, and the deliveries waiting");
        webhooks.MapPost("/{id}/recover", Recover).WithSummary("Queue again every failed delivery of the webhook created since a time");
        return api;
    }

    private static async Task<Results<Ok<List<DeliverySummary>>, ProblemHttpResult>> List(
        HttpContext http, ClaimsPrincipal user, DeliveryService deliveries, CancellationToken ct,
        string? webhookId = null, string? locationId = null, string? callId = null, string? status = null, DateTimeOffset? since = null,
        int? limit = null, string? before = null, string? after = null)
    {
        var page = await deliveries.ListAsync(new DeliveryFilter(webhookId, locationId, callId, status, since, limit, before, after), user, ct)
            .ConfigureAwait(false);
        if (!page.IsOk) return Problems.From(page.Failure!);
        var links = new List<string>();
        if (page.Value.Older is { } older) links.Add($"<{PageUrl(http, "before", older)}>; rel=\"next\"");
        if (page.Value.Newer is { } newer) links.Add($"<{PageUrl(http, "after", newer)}>; rel=\"prev\"");
        if (links.Count > 0) http.Response.Headers.Link = string.Join(", ", links);
        return TypedResults.Ok(page.Value.Items.ConvertAll(DeliverySummary.From));
    }

    /// <summary>This request's URL with its paging replaced by one cursor.</summary>
    private static string PageUrl(HttpContext http, string cursor, string id)
    {
        var query = QueryString.Create([.. http.Request.Query.Where(q => q.Key is not ("before" or "after"))
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v))), KeyValuePair.Create(cursor, (string?)id)]);
        return $"{http.Request.PathBase}{http.Request.Path}{query}";
    }

    private static async Task<Results<Ok<DeliveryDetail>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, DeliveryService deliveries, CancellationToken ct) =>
        await deliveries.FindAsync(id, user, ct).ConfigureAwait(false) is { } found
            ? TypedResults.Ok(DeliveryDetail.From(found.Delivery, found.Webhook, found.Attempts))
            : Problems.From(Outcome.NotFound("Delivery"));

    private static async Task<Results<Accepted<DeliverySummary>, ProblemHttpResult>> Retry(
        string id, ClaimsPrincipal user, DeliveryService deliveries, CancellationToken ct) =>
        (await deliveries.RetryAsync(id, user, ct).ConfigureAwait(false))
            .ToHttp(d => TypedResults.Accepted($"/api/v1/deliveries/{d.Id}", DeliverySummary.From(d)));

    private static async Task<Results<Accepted<QueuedResponse>, ProblemHttpResult>> RetryMatching(
        RetryMatchingRequest request, ClaimsPrincipal user, DeliveryReplays replays, CancellationToken ct) =>
        (await replays.StartAsync(request, user, ct).ConfigureAwait(false))
            .ToHttp(n => TypedResults.Accepted("/api/v1/deliveries?status=pending", new QueuedResponse(n)));

    private static async Task<Results<Ok<TestResult>, ProblemHttpResult>> Test(string id, ClaimsPrincipal user, DeliveryService deliveries, CancellationToken ct) =>
        (await deliveries.SendTestAsync(id, user, ct).ConfigureAwait(false)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> Health(string id, ClaimsPrincipal user, DeliveryService deliveries, CancellationToken ct) =>
        (await deliveries.HealthAsync(id, user, ct).ConfigureAwait(false)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Accepted<QueuedResponse>, ProblemHttpResult>> Recover(
        string id, RecoverRequest request, ClaimsPrincipal user, DeliveryService deliveries, CancellationToken ct) =>
        (await deliveries.RecoverAsync(id, request.Since, user, ct).ConfigureAwait(false))
            .ToHttp(n => TypedResults.Accepted($"/api/v1/deliveries?webhookId={id}&status=pending", new QueuedResponse(n)));
}
