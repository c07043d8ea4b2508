using System.Security.Claims;
using Hookline.Api;
using Hookline.Auth;
using Hookline.Locations;
using Hookline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Campaigns;

public static class CampaignsApi
{
    private const int MaxTrackingNumbers = 1000;
    private const int MaxTags = 50;

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
        string locationId, CampaignRequest request, ClaimsPrincipal user, HooklineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var location = await LocationsApi.Find(locationId, user, db, ct).ConfigureAwait(false);
        if (location is null) return Problems.NotFound("Location");
        var campaign = new Campaign { Id = Ids.New("cmp"), GroupId = location.GroupId, LocationId = location.Id, Name = "", Kind = "", CreatedAt = time.GetUtcNow() };
        if (await ApplyAsync(request, campaign, db, ct).ConfigureAwait(false) is { } problem) return problem;
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/campaigns/{campaign.Id}", CampaignResponse.From(campaign));
    }

    private static async Task<Results<Ok<List<CampaignResponse>>, ProblemHttpResult>> List(string locationId, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        if (await LocationsApi.Find(locationId, user, db, ct).ConfigureAwait(false) is null) return Problems.NotFound("Location");
        var campaigns = await db.Campaigns.AsNoTracking().Include(c => c.TrackingNumbers).Where(c => c.LocationId == locationId)
            .OrderBy(c => c.Id).ToListAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(campaigns.ConvertAll(CampaignResponse.From));
    }

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        var campaign = await Find(id, user, db, ct).ConfigureAwait(false);
        return campaign is null ? Problems.NotFound("Campaign") : TypedResults.Ok(CampaignResponse.From(campaign));
    }

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> Update(
        string id, CampaignRequest request, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        var campaign = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (campaign is null) return Problems.NotFound("Campaign");
        if (await ApplyAsync(request, campaign, db, ct).ConfigureAwait(false) is { } problem) return problem;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(CampaignResponse.From(campaign));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct)
    {
        var campaign = await Find(id, user, db, ct, track: true).ConfigureAwait(false);
        if (campaign is null) return Problems.NotFound("Campaign");
        db.Campaigns.Remove(campaign);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    internal static Task<Campaign?> Find(string id, ClaimsPrincipal user, HooklineDbContext db, CancellationToken ct, bool track = false) =>
        db.Campaigns.Include(c => c.TrackingNumbers).FindVisibleAsync(id, user, ct, track);

    /// <summary>Validates the request against the campaign's location and applies it; a problem means nothing changed.</summary>
    private static async Task<ProblemHttpResult?> ApplyAsync(CampaignRequest r, Campaign campaign, HooklineDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("name", r.Name);
        v.OneOf("kind", r.Kind, "offline", "digital");
        var numbers = new List<string>();
        var given = r.TrackingNumbers ?? [];
        if (given.Count > MaxTrackingNumbers) v.Add("trackingNumbers", $"At most {MaxTrackingNumbers} tracking numbers.");
        for (var i = 0; i < given.Count; i++)
        {
            if (PhoneNumbers.Normalize(given[i]) is { } n) { if (!numbers.Contains(n)) numbers.Add(n); }
            else v.Add($"trackingNumbers[{i}]", $"trackingNumbers[{i}] is not a phone number (3 to 15 digits, with optional +, spaces, dashes, dots, parentheses).");
        }
        var tags = r.Tags ?? [];
        if (tags.Count > MaxTags) v.Add("tags", $"At most {MaxTags} tags.");
        foreach (var (key, value) in tags)
        {
            if (string.IsNullOrWhiteSpace(key) || Validation.TooLong("tags", key, 100) is not null || key.Any(char.IsControl))
                v.Add("tags", "Tag names are 1 to 100 characters, without control characters.");
            v.Optional($"tags.{key}", value, 500);
        }
        await LocationReferences.ValidateTreatmentAsync(v, db, campaign.LocationId, r.TreatmentId, ct).ConfigureAwait(false);
        var webhooks = r.Webhooks ?? [];
        await LocationReferences.ValidateWebhooksAsync(v, db, campaign.LocationId, webhooks.ConvertAll(w => (w?.WebhookId, w?.At)),
            "webhooks", ["begin", "end"], ct).ConfigureAwait(false);
        if (!v.IsValid) return v.ToProblem();

        var taken = await db.TrackingNumbers.AsNoTracking().Where(n => numbers.Contains(n.Number) && n.CampaignId != campaign.Id)
            .Select(n => n.Number).ToListAsync(ct).ConfigureAwait(false);
        if (taken.Count > 0) return Problems.Conflict($"Tracking number {string.Join(", ", taken)} already belongs to another campaign.");

        campaign.Name = r.Name!.Trim();
        campaign.Kind = r.Kind!;
        campaign.Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal);
        campaign.TreatmentId = r.TreatmentId;
        campaign.Webhooks = [.. webhooks.Select(w => new CampaignWebhook { WebhookId = w.WebhookId!, At = w.At! }).DistinctBy(w => (w.WebhookId, w.At))];
        campaign.TrackingNumbers.RemoveAll(n => !numbers.Contains(n.Number));
        foreach (var n in numbers.Where(n => !campaign.TrackingNumbers.Exists(t => t.Number == n)))
            campaign.TrackingNumbers.Add(new TrackingNumber { Number = n, CampaignId = campaign.Id });
        return null;
    }
}
