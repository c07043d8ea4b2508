using Hookline.Api;
using Hookline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Locations;

/// <summary>Checks that the webhooks and treatments a campaign or treatment names belong to the same location.</summary>
public static class LocationReferences
{
    public static async Task ValidateWebhooksAsync(
        Validation v, HooklineDbContext db, string locationId, IReadOnlyList<(string? WebhookId, string? At)> refs,
        string field, string[] moments, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(refs);
        if (refs.Count == 0) return;
        var ids = await db.Webhooks.Where(w => w.LocationId == locationId).Select(w => w.Id).ToListAsync(ct).ConfigureAwait(false);
        for (var i = 0; i < refs.Count; i++)
        {
            var (webhookId, at) = refs[i];
            if (string.IsNullOrEmpty(webhookId)) v.Add($"{field}[{i}].webhookId", $"{field}[{i}].webhookId is required.");
            else if (!ids.Contains(webhookId)) v.Add($"{field}[{i}].webhookId", $"{field}[{i}].webhookId: no webhook '{Validation.Clip(webhookId)}' in this location.");
            v.OneOf($"{field}[{i}].at", at, moments);
        }
    }

    public static async Task ValidateTreatmentAsync(Validation v, HooklineDbContext db, string locationId, string? treatmentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(db);
        if (treatmentId is null) return;
        if (!await db.Treatments.AnyAsync(t => t.Id == treatmentId && t.LocationId == locationId, ct).ConfigureAwait(false))
            v.Add("treatmentId", $"treatmentId: no treatment '{Validation.Clip(treatmentId)}' in this location.");
    }
}
