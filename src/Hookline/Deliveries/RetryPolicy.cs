using Microsoft.Extensions.Options;

namespace Hookline.Deliveries;

/// <summary>
/// When a failed delivery is tried again, when a down webhook is probed, and when a webhook counts as down.
/// Pure arithmetic on the times it is given; randomness only through the injected <see cref="Random"/>.
/// </summary>
public sealed class RetryPolicy
{
    private readonly DeliveryOptions _options;
    private readonly Random _random;

    /// <param name="random">Jitter source; <see cref="Random.Shared"/> (thread-safe) when omitted.</param>
    public RetryPolicy(IOptions<DeliveryOptions> options, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _random = random ?? Random.Shared;
    }

    /// <summary>
    /// The time of the next attempt after <paramref name="failedAttempts"/> failures (1 after the first),
    /// or null when the retry window is over and the delivery is failed. A <paramref name="retryAfter"/>
    /// (from a 429 or 503) can lengthen the wait up to <see cref="DeliveryOptions.MaxRetryAfter"/>, never
    /// shorten it. The last attempt is held to the window's end rather than dropped before it.
    /// </summary>
    /// <param name="plan">A webhook's own schedule (its last delay repeating) and window, in place of the defaults.</param>
    public DateTimeOffset? NextAttemptAt(int failedAttempts, DateTimeOffset firstCreatedAt, DateTimeOffset now, TimeSpan? retryAfter, RetryPlan? plan = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var windowEnd = firstCreatedAt + (plan?.Window ?? _options.RetryWindow);
        if (now >= windowEnd)
        {
            return null;
        }

        var delay = plan?.Schedule is { Count: > 0 } own
            ? own[Math.Min(failedAttempts, own.Count) - 1]
            : failedAttempts <= _options.RetrySchedule.Count ? _options.RetrySchedule[failedAttempts - 1] : _options.RepeatInterval;
        var next = now + HonourRetryAfter(Jittered(delay), retryAfter);
        return next < windowEnd ? next : windowEnd;
    }

    /// <summary>
    /// The time of the next probe of a down webhook after <paramref name="failedProbes"/> failed probes
    /// (0 when it has just gone down). Probes never give up; the schedule's last delay repeats.
    /// </summary>
    public DateTimeOffset NextProbeAt(int failedProbes, DateTimeOffset now, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(failedProbes);
        var schedule = _options.ProbeSchedule;
        var delay = schedule[Math.Min(failedProbes, schedule.Count - 1)];
        return now + HonourRetryAfter(Jittered(delay), retryAfter);
    }

    public bool IsDown(int consecutiveFailures) => consecutiveFailures >= _options.DownAfterFailures;

    private TimeSpan Jittered(TimeSpan delay)
    {
        var spread = _options.Jitter * ((2 * _random.NextDouble()) - 1);
        return delay * (1 + spread);
    }

    private TimeSpan HonourRetryAfter(TimeSpan delay, TimeSpan? retryAfter)
    {
        if (retryAfter is not { } asked)
        {
            return delay;
        }

        var bounded = asked < _options.MaxRetryAfter ? asked : _options.MaxRetryAfter;
        return bounded > delay ? bounded : delay;
    }
}
