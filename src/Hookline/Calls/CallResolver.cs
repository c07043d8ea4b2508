using Hookline.Campaigns;
using Hookline.Locations;
using Hookline.Storage;
using Hookline.Treatments;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Calls;

/// <summary>What a tracking number leads to: its campaign, the campaign's location and treatment.</summary>
public sealed record CallRoute(Campaign Campaign, Location Location, Treatment? Treatment);

/// <summary>Resolves tracking numbers for one intake batch, each number once.</summary>
public sealed class CallResolver(HooklineDbContext db)
{
    private readonly Dictionary<string, CallRoute?> _byNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CallRoute?> _byCampaign = new(StringComparer.Ordinal);

    public async Task<CallRoute?> ByTrackingAsync(string? tracking, CancellationToken ct)
    {
        if (PhoneNumbers.Normalize(tracking) is not { } number) return null;
        if (_byNumber.TryGetValue(number, out var cached)) return cached;
        var campaignId = await db.TrackingNumbers.AsNoTracking().Where(n => n.Number == number).Select(n => n.CampaignId)
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return _byNumber[number] = campaignId is null ? null : await ByCampaignAsync(campaignId, ct).ConfigureAwait(false);
    }

    public async Task<CallRoute?> ByCampaignAsync(string? campaignId, CancellationToken ct)
    {
        if (campaignId is null) return null;
        if (_byCampaign.TryGetValue(campaignId, out var cached)) return cached;
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct).ConfigureAwait(false);
        CallRoute? route = null;
        if (campaign is not null && await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == campaign.LocationId, ct).ConfigureAwait(false) is { } location)
        {
            var treatment = campaign.TreatmentId is null ? null
                : await db.Treatments.AsNoTracking().FirstOrDefaultAsync(t => t.Id == campaign.TreatmentId, ct).ConfigureAwait(false);
            route = new CallRoute(campaign, location, treatment);
        }
        return _byCampaign[campaignId] = route;
    }
}
