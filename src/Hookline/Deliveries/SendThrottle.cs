namespace Hookline.Deliveries;

/// <summary>
/// A token bucket per throttled webhook: a node starts a send to it only with a token, and tokens come at
/// <c>maxPerSecond / Nodes</c> a second, at most a tenth of a second's worth saved up, so no second sees more than a
/// tenth over the rate. Owned by the dispatcher's loop alone, like the lanes.
/// </summary>
internal sealed class SendThrottle(double perSecond, TimeProvider time)
{
    private readonly double _capacity = Math.Max(1, perSecond / 10);
    private double _tokens = 1;
    private long _stamp = time.GetTimestamp();

    public double PerSecond { get; } = perSecond;

    /// <summary>Takes a token, or says how long until one comes.</summary>
    public bool TryTake(out TimeSpan wait)
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(_capacity, _tokens + time.GetElapsedTime(_stamp, now).TotalSeconds * PerSecond);
        _stamp = now;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            wait = TimeSpan.Zero;
            return true;
        }
        wait = TimeSpan.FromSeconds((1 - _tokens) / PerSecond);
        return false;
    }
}

public sealed partial class DeliveryDispatcher
{
    // Owned by the loop (PumpAsync) alone.
    private readonly Dictionary<string, SendThrottle> _throttles = new(StringComparer.Ordinal);
    private DateTimeOffset? _wakeAt;

    /// <summary>Whether the next ready delivery of a lane may start now; if its webhook's throttle says wait, the loop is woken when it may.</summary>
    private bool MayStart(Held next, DateTimeOffset now)
    {
        // One that StartSends skips or gives back costs no token.
        var skipped = next.Released || next.Delivery.LeaseUntil - now < Options.Timeout || (!next.Delivery.Probe && _down.Contains(next.Delivery.WebhookId));
        if (skipped || next.Target?.MaxPerSecond is not { } max)
        {
            if (next.Target is { MaxPerSecond: null }) _throttles.Remove(next.Delivery.WebhookId);
            return true;
        }
        var perSecond = (double)max / Math.Max(1, Options.Nodes);
        if (!_throttles.TryGetValue(next.Delivery.WebhookId, out var throttle) || throttle.PerSecond != perSecond)
            _throttles[next.Delivery.WebhookId] = throttle = new SendThrottle(perSecond, time);
        if (throttle.TryTake(out var wait)) return true;
        WakeAt(now + wait);
        return false;
    }

    /// <summary>
    /// A timer for the earliest token any throttled lane waits for, unless one as early is still to be handled. Not
    /// judged by the clock: a timer may fire a little before the wall clock says it is due, and must still count.
    /// </summary>
    private void WakeAt(DateTimeOffset at)
    {
        if (_wakeAt is { } pending && pending <= at) return;
        _wakeAt = at;
        var delay = at - time.GetUtcNow();
        _ = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, time).ContinueWith(_ => _work.Writer.TryWrite(new Work.Wake()), TaskScheduler.Default);
    }
}
