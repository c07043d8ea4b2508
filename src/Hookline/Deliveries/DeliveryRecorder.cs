using Hookline.Storage;

namespace Hookline.Deliveries;

/// <param name="Node">The node that held the lease when it sent: only that lease's holder moves the delivery on.</param>
/// <param name="Retries">The webhook's own retry schedule and window, or null for the defaults.</param>
public sealed record DeliveryOutcome(ClaimedDelivery Delivery, AttemptResult Result, string Node, RetryPlan? Retries = null);

/// <summary>Writes a batch of attempts' outcomes, and leases given back, in one transaction (<see cref="DeliveryStore.RecordAsync"/>).</summary>
public sealed class DeliveryRecorder(IServiceScopeFactory scopes, DeliveryTransitions transitions, TimeProvider time)
{
    public async Task<HealthChanges> RecordAsync(IReadOnlyList<DeliveryOutcome> outcomes, IReadOnlyList<string> released, string node, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<DeliveryStore>();
        var (now, started) = (time.GetUtcNow(), time.GetTimestamp());
        var changes = await store.RecordAsync(outcomes, released, node, transitions, now, ct);
        Operations.HooklineTelemetry.Recorded(outcomes, released.Count, transitions, now, time.GetElapsedTime(started));
        return changes;
    }
}
