using System.Security.Claims;
using Hookline.Api;
using Hookline.Auth;
using Hookline.Locations;
using Hookline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Campaigns;

/// <summary>The rules of campaigns, for the API and the pages alike.</summary>
public sealed class CampaignService(HooklineDbContext db, TimeProvider time)
{
    public const int MaxTrackingNumbers = 1000;
    public const int MaxTags = 50;
    public static readonly string[] Kinds = ["offline", "digital"];
    public static readonly string[] Moments = ["begin", "end"];

    /// <summary>The location's campaigns, or null when the caller cannot see the location.</summary>
    public async Task<List<Campaign>?> ListAsync(string locationId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await LocationService.Find(locationId, user, db, ct).ConfigureAwait(false) is null) return null;
        return await db.Campaigns.AsNoTracking().Include(c => c.TrackingNumbers).Where(c => c.LocationId == locationId)
            .OrderBy(c => c.Id).ToListAsync(ct).ConfigureAwait(false);
    }

    public Task<Campaign?> FindAsync(string id, ClaimsPrincipal user, CancellationToken ct) => Find(id, user, ct);

    public async Task<Outcome<Campaign>> CreateAsync(string locationId, CampaignRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var location = await LocationService.Find(locationId, user, db, ct).ConfigureAwait(false);
        if (location is null) return Outcome.NotFound("Location");
        var campaign = new Campaign { Id = Ids.New("cmp"), GroupId = location.GroupId, LocationId = location.Id, Name = "", Kind = "", CreatedAt = time.GetUtcNow() };
        if (await ApplyAsync(request, campaign, ct).ConfigureAwait(false) is { } failure) return failure;
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return campaign;
    }

    /// <summary>Updates a campaign; its tracking numbers are replaced.</summary>
    public async Task<Outcome<Campaign>> UpdateAsync(string id, CampaignRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var campaign = await Find(id, user, ct, track: true).ConfigureAwait(false);
        if (campaign is null) return Outcome.NotFound("Campaign");
        if (await ApplyAsync(request, campaign, ct).ConfigureAwait(false) is { } failure) return failure;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return campaign;
    }

    /// <summary>Deletes a campaign and frees its tracking numbers.</summary>
    public async Task<Outcome<Done>> DeleteAsync(string id, ClaimsPrincipal user, CancellationToken ct)
    {
        var campaign = await Find(id, user, ct, track: true).ConfigureAwait(false);
        if (campaign is null) return Outcome.NotFound("Campaign");
        db.Campaigns.Remove(campaign);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new Done();
    }

    private Task<Campaign?> Find(string id, ClaimsPrincipal user, CancellationToken ct, bool track = false) =>
        db.Campaigns.Include(c => c.TrackingNumbers).FindVisibleAsync(id, user, ct, track);

    /// <summary>Validates the request against the campaign's location and applies it; a failure means nothing changed.</summary>
    private async Task<Failure?> ApplyAsync(CampaignRequest r, Campaign campaign, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("name", r.Name);
        v.OneOf("kind", r.Kind, Kinds);
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
            "webhooks", Moments, ct).ConfigureAwait(false);
        if (!v.IsValid) return v.ToFailure();

        var taken = await db.TrackingNumbers.AsNoTracking().Where(n => numbers.Contains(n.Number) && n.CampaignId != campaign.Id)
            .Select(n => n.Number).ToListAsync(ct).ConfigureAwait(false);
        if (taken.Count > 0) return Outcome.Conflict($"Tracking number {string.Join(", ", taken)} already belongs to another campaign.", "trackingNumbers");

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
