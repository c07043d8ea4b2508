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

    /// <summary>
    /// Resolves a batch's tracking numbers and campaigns in a few queries (numbers, campaigns, locations, treatments),
    /// rather than a few per number: a batch spread over many campaigns would otherwise cost hundreds of queries.
    /// </summary>
    public async Task PreloadAsync(IEnumerable<string?> trackings, IEnumerable<string?> campaignIds, CancellationToken ct)
    {
        var numbers = trackings.Select(PhoneNumbers.Normalize).OfType<string>().Where(n => !_byNumber.ContainsKey(n)).Distinct(StringComparer.Ordinal).ToList();
        var byNumber = numbers.Count == 0 ? []
            : await db.TrackingNumbers.AsNoTracking().Where(n => numbers.Contains(n.Number)).ToDictionaryAsync(n => n.Number, n => n.CampaignId, ct)
                .ConfigureAwait(false);
        var wanted = campaignIds.OfType<string>().Concat(byNumber.Values).Where(id => !_byCampaign.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count > 0)
        {
            var campaigns = await db.Campaigns.AsNoTracking().Where(c => wanted.Contains(c.Id)).ToListAsync(ct).ConfigureAwait(false);
            var locationIds = campaigns.Select(c => c.LocationId).Distinct().ToList();
            var treatmentIds = campaigns.Select(c => c.TreatmentId).OfType<string>().Distinct().ToList();
            var locations = await db.Locations.AsNoTracking().Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct).ConfigureAwait(false);
            var treatments = treatmentIds.Count == 0 ? []
                : await db.Treatments.AsNoTracking().Where(t => treatmentIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct).ConfigureAwait(false);
            foreach (var id in wanted) _byCampaign[id] = null;
            foreach (var campaign in campaigns)
            {
                if (!locations.TryGetValue(campaign.LocationId, out var location)) continue;
                var treatment = campaign.TreatmentId is null ? null : treatments.GetValueOrDefault(campaign.TreatmentId);
                _byCampaign[campaign.Id] = new CallRoute(campaign, location, treatment);
            }
        }
        foreach (var number in numbers)
            _byNumber[number] = byNumber.TryGetValue(number, out var campaignId) ? _byCampaign.GetValueOrDefault(campaignId) : null;
    }

    /// <summary>The routes resolved so far.</summary>
    public IEnumerable<CallRoute> Routes => _byCampaign.Values.OfType<CallRoute>();

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
