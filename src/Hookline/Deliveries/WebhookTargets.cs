using System.Collections.Concurrent;
using Hookline.Storage;
using Hookline.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Deliveries;

/// <summary>Where and how a webhook's deliveries go, with its secrets decrypted; the request is built from it at send time.</summary>
public sealed record WebhookTarget(
    string Id, string Method, Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, string SigningSecret, IReadOnlySet<int> SuccessCodes,
    ReceiverAuth? Auth = null, RetryPlan? Retries = null, int? MaxPerSecond = null);

/// <summary>
/// Caches each webhook's target by its last update, so the hot path decrypts secrets once per change, not once per
/// delivery. An edited URL or header applies to the next attempt, retries included.
/// </summary>
public sealed class WebhookTargets(SecretProtector secrets)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Version, WebhookTarget Target)> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _unreadable = new(StringComparer.Ordinal);

    /// <summary>Why a webhook's target could not be built at the last read (its secrets did not decrypt), or null.</summary>
    public string? Unreadable(string webhookId) => _unreadable.GetValueOrDefault(webhookId);

    public async Task<Dictionary<string, WebhookTarget>> GetAsync(HooklineDbContext db, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var versions = await db.Webhooks.AsNoTracking().Where(w => ids.Contains(w.Id)).Select(w => new { w.Id, w.UpdatedAt })
            .ToListAsync(ct).ConfigureAwait(false);
        var result = new Dictionary<string, WebhookTarget>(StringComparer.Ordinal);
        var stale = new List<string>();
        foreach (var v in versions)
        {
            if (_cache.TryGetValue(v.Id, out var entry) && entry.Version == v.UpdatedAt) result[v.Id] = entry.Target;
            else stale.Add(v.Id);
        }
        if (stale.Count > 0)
        {
            foreach (var webhook in await db.Webhooks.AsNoTracking().Where(w => stale.Contains(w.Id)).ToListAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    var target = ToTarget(webhook);
                    _cache[webhook.Id] = (webhook.UpdatedAt, target);
                    _unreadable.TryRemove(webhook.Id, out _);
                    result[webhook.Id] = target;
                }
                catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or UriFormatException)
                {
                    // One webhook that cannot be read fails its own deliveries, not everyone's claimed with it.
                    _unreadable[webhook.Id] = $"the webhook's settings could not be read: {e.Message}";
                }
            }
        }
        return result;
    }

    public WebhookTarget ToTarget(Webhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        return new WebhookTarget(
            webhook.Id, webhook.Method, new Uri(webhook.Url),
            webhook.Headers.ConvertAll(h => KeyValuePair.Create(h.Name, h.Secret ? secrets.Unprotect(h.Value) : h.Value)),
            secrets.Unprotect(webhook.ProtectedSigningSecret), webhook.SuccessCodes.ToHashSet(), ReceiverAuth.From(webhook.Auth, secrets), RetryPlan.Of(webhook),
            webhook.MaxPerSecond);
    }
}
