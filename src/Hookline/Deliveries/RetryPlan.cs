using Hookline.Api;
using Hookline.Webhooks;

namespace Hookline.Deliveries;

/// <summary>
/// A webhook's own retry schedule and window, replacing the defaults for its deliveries: the schedule's delays in
/// order, the last repeating until the window ends. Either may be absent, and the default then applies.
/// </summary>
public sealed record RetryPlan(IReadOnlyList<TimeSpan>? Schedule, TimeSpan? Window)
{
    public const int MaxEntries = 30;
    public const int MaxDelaySeconds = 86_400;
    public const int MaxWindowSeconds = 604_800;

    public static RetryPlan? Of(Webhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (webhook.RetrySchedule is null && webhook.RetryWindowSeconds is null) return null;
        return new RetryPlan(webhook.RetrySchedule?.ConvertAll(s => TimeSpan.FromSeconds(s)),
            webhook.RetryWindowSeconds is { } w ? TimeSpan.FromSeconds(w) : null);
    }

    /// <summary>The contract's bounds: at most 30 entries of 0–86,400 s; a window of 1–604,800 s.</summary>
    public static void Validate(Validation v, List<int>? schedule, int? windowSeconds)
    {
        ArgumentNullException.ThrowIfNull(v);
        if (schedule is not null)
        {
            if (schedule.Count is 0 or > MaxEntries) v.Add("retrySchedule", $"retrySchedule needs 1 to {MaxEntries} delays, in seconds.");
            else if (schedule.Any(s => s is < 0 or > MaxDelaySeconds)) v.Add("retrySchedule", $"retrySchedule: each delay is 0 to {MaxDelaySeconds:N0} seconds.");
        }
        if (windowSeconds is < 1 or > MaxWindowSeconds) v.Add("retryWindowSeconds", $"retryWindowSeconds is 1 to {MaxWindowSeconds:N0} seconds.");
    }
}
