using Hookline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hookline.Deliveries;

/// <param name="Node">The node that held the lease when it sent: only that lease's holder moves the delivery on.</param>
public sealed record DeliveryOutcome(ClaimedDelivery Delivery, AttemptResult Result, string Node);

/// <summary>
/// Writes what happened to a batch of attempts in one transaction: the attempt log, each delivery's next state
/// (delivered, retry at, failed) and each webhook's health (up, down, next probe).
/// </summary>
public sealed class DeliveryRecorder(IServiceScopeFactory scopes, WriteGate gate, RetryPolicy retries, IOptions<DeliveryOptions> options, TimeProvider time)
{
    public async Task RecordAsync(IReadOnlyList<DeliveryOutcome> outcomes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
        var now = time.GetUtcNow();
        var ids = outcomes.Select(o => o.Delivery.Id).ToList();
        var webhookIds = outcomes.Select(o => o.Delivery.WebhookId).Distinct().ToList();
        var deliveries = await db.Deliveries.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct).ConfigureAwait(false);
        var webhooks = await db.Webhooks.Where(w => webhookIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct).ConfigureAwait(false);
        var recovered = new List<string>();

        foreach (var (claimed, result, node) in outcomes)
        {
            if (!deliveries.TryGetValue(claimed.Id, out var delivery)) continue; // deleted with its webhook meanwhile
            db.DeliveryAttempts.Add(new DeliveryAttempt
            {
                DeliveryId = delivery.Id, At = result.StartedAt, StatusCode = result.StatusCode,
                DurationMs = (int)Math.Min(int.MaxValue, result.Duration.TotalMilliseconds),
                Error = StorableText(result.Error), ResponseExcerpt = StorableText(result.ResponseExcerpt),
            });
            delivery.Attempts++;
            // The lease moved on (it ran out and another node took it, or a manual retry reset it): this attempt is
            // logged, but the delivery's state now belongs to whoever holds it.
            if (delivery.LeasedBy != node) continue;
            delivery.LeaseUntil = null;
            delivery.LeasedBy = null;
            webhooks.TryGetValue(delivery.WebhookId, out var webhook);
            if (result.Delivered)
            {
                delivery.Status = DeliveryStatus.Delivered;
                delivery.DeliveredAt = now;
                delivery.LastError = null;
                if (webhook is null) continue;
                webhook.ConsecutiveFailures = 0;
                webhook.LastSuccessAt = now;
                if (webhook.IsDown)
                {
                    webhook.IsDown = false;
                    webhook.NextProbeAt = null;
                    recovered.Add(webhook.Id);
                }
                continue;
            }

            delivery.LastError = StorableText(result.Error) ?? $"HTTP {result.StatusCode}";
            if (delivery.Status == DeliveryStatus.Pending)
            {
                var next = retries.NextAttemptAt(delivery.Attempts, delivery.WindowStart, now, result.RetryAfter);
                if (next is { } at) delivery.NextAttemptAt = at;
                else delivery.Status = DeliveryStatus.Failed;
            }
            if (webhook is null) continue;
            webhook.ConsecutiveFailures++;
            webhook.LastFailureAt = now;
            var failuresWhileDown = webhook.ConsecutiveFailures - options.Value.DownAfterFailures;
            if (failuresWhileDown >= 0)
            {
                // Down: new deliveries wait; one probe at a time tries the oldest, on a backoff.
                webhook.IsDown = true;
                webhook.NextProbeAt = retries.NextProbeAt(failuresWhileDown, now, result.RetryAfter);
            }
        }
        // One writer at a time (WriteGate), and one transaction, so no claim sees a webhook back up before its
        // backlog is lined up.
        using var turn = await gate.EnterAsync(ct).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);

        // Back up: the backlog is due now, and the claim order (due time, then creation) sends it oldest first.
        foreach (var webhookId in recovered)
        {
            await db.Deliveries.Where(d => d.WebhookId == webhookId && d.Status == DeliveryStatus.Pending && d.LeaseUntil == null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, now), ct).ConfigureAwait(false);
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Receivers send anything; PostgreSQL text cannot hold NUL, so it is dropped from what is kept.</summary>
    internal static string? StorableText(string? text) =>
        text is null || !text.Contains('\0', StringComparison.Ordinal) ? text : text.Replace("\0", "", StringComparison.Ordinal);
}
