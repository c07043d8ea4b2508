using System.Security.Claims;
using Hookline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hookline.Webhooks;

public static class WebhooksApi
{
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
        string locationId, WebhookRequest request, ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct) =>
        (await webhooks.CreateAsync(locationId, request, user, revealOnPage: false, ct).ConfigureAwait(false)).ToHttp(c => TypedResults.Created(
            $"/api/v1/webhooks/{c.Webhook.Id}", WebhookResponse.From(c.Webhook, c.SigningSecret, WebhookService.Warnings(c.Webhook))));

    private static async Task<Results<Ok<List<WebhookResponse>>, ProblemHttpResult>> List(
        string locationId, ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct) =>
        await webhooks.ListAsync(locationId, user, ct).ConfigureAwait(false) is { } list
            ? TypedResults.Ok(list.ConvertAll(w => WebhookResponse.From(w)))
            : Problems.From(Outcome.NotFound("Location"));

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct) =>
        await webhooks.FindAsync(id, user, ct).ConfigureAwait(false) is { } webhook
            ? TypedResults.Ok(WebhookResponse.From(webhook, warnings: WebhookService.Warnings(webhook)))
            : Problems.From(Outcome.NotFound("Webhook"));

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Update(
        string id, WebhookRequest request, ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct) =>
        (await webhooks.UpdateAsync(id, request, user, ct).ConfigureAwait(false))
            .ToHttp(w => TypedResults.Ok(WebhookResponse.From(w, warnings: WebhookService.Warnings(w))));

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct, bool force = false) =>
        (await webhooks.DeleteAsync(id, force, user, ct).ConfigureAwait(false)).ToHttp(_ => TypedResults.NoContent());

    private static async Task<Results<Ok<SigningSecretResponse>, ProblemHttpResult>> RotateSecret(
        string id, ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct) =>
        (await webhooks.RotateSigningSecretAsync(id, user, revealOnPage: false, ct).ConfigureAwait(false)).ToHttp(s => TypedResults.Ok(new SigningSecretResponse(s)));
}
