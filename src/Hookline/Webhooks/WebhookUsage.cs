using Hookline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Webhooks;

/// <summary>Which campaigns and treatment options of the webhook's location fire it.</summary>
public static class WebhookUsage
{
    public static async Task<List<string>> FindAsync(HooklineDbContext db, Webhook webhook, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(webhook);
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.LocationId == webhook.LocationId).ToListAsync(ct).ConfigureAwait(false);
        var treatments = await db.Treatments.AsNoTracking().Where(t => t.LocationId == webhook.LocationId).ToListAsync(ct).ConfigureAwait(false);
        return
        [
            .. campaigns.Where(c => c.Webhooks.Exists(w => w.WebhookId == webhook.Id)).Select(c => $"campaign {c.Id}"),
            .. treatments.Where(t => t.Options.Exists(o => o.Webhooks.Exists(w => w.WebhookId == webhook.Id))).Select(t => $"treatment {t.Id}"),
        ];
    }
}
