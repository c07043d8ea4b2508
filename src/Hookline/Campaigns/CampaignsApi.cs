using System.Security.Claims;
using Hookline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hookline.Campaigns;

public static class CampaignsApi
{
    public static RouteGroupBuilder MapCampaigns(this RouteGroupBuilder api)
    {
        var byLocation = api.MapGroup("/locations/{locationId}/campaigns").WithTags("Campaigns");
        byLocation.MapPost("/", Create).WithSummary("Create an offline or digital campaign with its tracking numbers and webhooks");
        byLocation.MapGet("/", List).WithSummary("List a location's campaigns");
        var campaigns = api.MapGroup("/campaigns").WithTags("Campaigns");
        campaigns.MapGet("/{id}", Get).WithSummary("Read a campaign");
        campaigns.MapPut("/{id}", Update).WithSummary("Update a campaign; its tracking numbers are replaced");
        campaigns.MapDelete("/{id}", Delete).WithSummary("Delete a campaign and free its tracking numbers");
        return api;
    }

    private static async Task<Results<Created<CampaignResponse>, ProblemHttpResult>> Create(
        string locationId, CampaignRequest request, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct) =>
        (await campaigns.CreateAsync(locationId, request, user, ct).ConfigureAwait(false))
            .ToHttp(c => TypedResults.Created($"/api/v1/campaigns/{c.Id}", CampaignResponse.From(c)));

    private static async Task<Results<Ok<List<CampaignResponse>>, ProblemHttpResult>> List(
        string locationId, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct) =>
        await campaigns.ListAsync(locationId, user, ct).ConfigureAwait(false) is { } list
            ? TypedResults.Ok(list.ConvertAll(CampaignResponse.From))
            : Problems.From(Outcome.NotFound("Location"));

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct) =>
        await campaigns.FindAsync(id, user, ct).ConfigureAwait(false) is { } campaign
            ? TypedResults.Ok(CampaignResponse.From(campaign))
            : Problems.From(Outcome.NotFound("Campaign"));

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> Update(
        string id, CampaignRequest request, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct) =>
        (await campaigns.UpdateAsync(id, request, user, ct).ConfigureAwait(false)).ToHttp(c => TypedResults.Ok(CampaignResponse.From(c)));

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct) =>
        (await campaigns.DeleteAsync(id, user, ct).ConfigureAwait(false)).ToHttp(_ => TypedResults.NoContent());
}
