namespace Hookline.Deliveries;

/// <summary>
/// Held deliveries keep their leases while they wait. A delivery this node holds unsent (behind a webhook's throttle,
/// its busy slots, or an earlier delivery of its call) would otherwise reach the end of its lease, be given back to the
/// table and claimed again (or, with several nodes, by another node), and the webhook's drain would pause at each such
/// turn. Checked from the dispatcher's loop every tenth of a lease; a held, unsent delivery with less than half of its
/// lease left is renewed for a whole lease, one statement for all of them, one renewal at a time. Should a renewal
/// fail or come too late, the rule it stands in front of still holds: a delivery with too little lease left for an
/// attempt is given back (<see cref="DeliveryDispatcher"/>'s StartSends).
/// </summary>
public sealed partial class DeliveryDispatcher
{
    // Owned by the loop (PumpAsync) alone.
    private bool _renewing;
    private bool _renewalWakeSet;
    private DateTimeOffset _nextRenewalCheck;

    private void RenewLeases()
    {
        if (_stopping || _renewing || _held.Count == 0) return;
        var now = time.GetUtcNow();
        if (now >= _nextRenewalCheck)
        {
            _nextRenewalCheck = now + (Options.LeaseDuration / 10);
            var due = _held.Values.Where(h => !h.InFlight && !h.Released && h.Delivery.LeaseUntil - now < Options.LeaseDuration / 2)
                .Select(h => h.Delivery.Id).ToList();
            if (due.Count > 0)
            {
                _renewing = true;
                _ = RenewAsync(due, now, now + Options.LeaseDuration);
            }
        }
        // So that a loop with nothing else to do still looks in time, while it holds deliveries: one timer at a time.
        if (_renewalWakeSet) return;
        _renewalWakeSet = true;
        var delay = _nextRenewalCheck - now;
        _ = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, time)
            .ContinueWith(_ => _work.Writer.TryWrite(new Work.RenewalDue()), TaskScheduler.Default);
    }

    private void RenewalDue() => _renewalWakeSet = false;

    private async Task RenewAsync(List<string> ids, DateTimeOffset now, DateTimeOffset leaseUntil)
    {
        IReadOnlyList<string> renewed = [];
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            renewed = await scope.ServiceProvider.GetRequiredService<DeliveryStore>().RenewAsync(handOff.Node, ids, now, leaseUntil, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogRenewFailed(logger, ids.Count, e);
        }
        _work.Writer.TryWrite(new Work.Renewed(renewed, leaseUntil));
    }

    private void Renewed(IReadOnlyList<string> ids, DateTimeOffset leaseUntil)
    {
        _renewing = false;
        foreach (var id in ids)
        {
            if (_held.TryGetValue(id, out var held) && !held.Released && held.Delivery.LeaseUntil < leaseUntil)
                held.Delivery = held.Delivery with { LeaseUntil = leaseUntil };
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the leases of {Count} held deliveries failed; those that run short are given back")]
    private static partial void LogRenewFailed(ILogger logger, int count, Exception exception);
}
