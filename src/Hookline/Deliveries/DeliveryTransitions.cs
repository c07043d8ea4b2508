using Microsoft.Extensions.Options;

namespace Hookline.Deliveries;

/// <summary>A delivery's state after an attempt, as <see cref="DeliveryStore.RecordAsync"/> writes it.</summary>
/// <param name="NextAttemptAt">When pending: the retry's time; otherwise left as it was (null).</param>
public sealed record NextState(string Status, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, string? LastError);

/// <summary>
/// What an attempt's result does to its delivery (delivered, retry at, failed) and to its webhook's health (up, down,
/// next probe): pure decisions on the times they are given. <see cref="DeliveryStore"/> writes them.
/// </summary>
public sealed class DeliveryTransitions(RetryPolicy retries, IOptions<DeliveryOptions> options)
{
    public NextState After(ClaimedDelivery claimed, AttemptResult result, DateTimeOffset now, RetryPlan? retryPlan = null)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Delivered) return new NextState(DeliveryStatus.Delivered, null, now, null);
        var error = StorableText(result.Error) ?? $"HTTP {result.StatusCode}";
        var next = retries.NextAttemptAt(claimed.Attempts + 1, claimed.WindowStart, now, result.RetryAfter, retryPlan);
        return next is { } at
            ? new NextState(DeliveryStatus.Pending, at, null, error)
            : new NextState(DeliveryStatus.Failed, null, null, error);
    }

    /// <summary>How fine the stored time of a webhook's last success is.</summary>
    public static readonly TimeSpan LastSuccessResolution = TimeSpan.FromSeconds(1);

    public void Apply(WebhookHealth webhook, AttemptResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Delivered)
        {
            // A success that changes nothing but the time of the last one is written once a second at most: a busy
            // webhook's row was otherwise rewritten by every recorded batch.
            if (!webhook.IsDown && webhook.ConsecutiveFailures == 0 && webhook.LastSuccessAt is { } last && now - last < LastSuccessResolution
                && now >= last) return;
            webhook.Changed = true;
            webhook.ConsecutiveFailures = 0;
            webhook.LastSuccessAt = now;
            if (webhook.IsDown)
            {
                webhook.IsDown = false;
                webhook.NextProbeAt = null;
                webhook.Recovered = true;
            }
            return;
        }
        webhook.Changed = true;
        webhook.ConsecutiveFailures++;
        webhook.LastFailureAt = now;
        var failuresWhileDown = webhook.ConsecutiveFailures - options.Value.DownAfterFailures;
        if (failuresWhileDown >= 0)
        {
            // Down: new deliveries wait; one probe at a time tries the oldest, on a backoff.
            webhook.IsDown = true;
            webhook.Recovered = false;
            webhook.NextProbeAt = retries.NextProbeAt(failuresWhileDown, now, result.RetryAfter);
        }
    }

    /// <summary>Receivers send anything; PostgreSQL text cannot hold NUL, so it is dropped from what is kept.</summary>
    internal static string? StorableText(string? text) =>
        text is null || !text.Contains('\0', StringComparison.Ordinal) ? text : text.Replace("\0", "", StringComparison.Ordinal);
}
