using Microsoft.Extensions.Options;

namespace Hookline.Deliveries;

/// <summary>Rejects settings that would stall, hammer or double-send, reporting every problem at once.</summary>
public sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    private const int MaxExcerptBytes = 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        RequirePositive(failures, nameof(options.Timeout), options.Timeout);
        RequireSchedule(failures, nameof(options.RetrySchedule), options.RetrySchedule, allowZero: true);
        RequirePositive(failures, nameof(options.RepeatInterval), options.RepeatInterval);
        RequirePositive(failures, nameof(options.RetryWindow), options.RetryWindow);
        if (!(options.Jitter is >= 0 and < 1))
        {
            failures.Add($"{nameof(options.Jitter)} must be at least 0 and below 1 (got {options.Jitter}).");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add($"{nameof(options.MaxRetryAfter)} must not be negative (got {options.MaxRetryAfter}).");
        }

        RequireAtLeastOne(failures, nameof(options.DownAfterFailures), options.DownAfterFailures);
        RequireSchedule(failures, nameof(options.ProbeSchedule), options.ProbeSchedule, allowZero: false);
        RequireAtLeastOne(failures, nameof(options.PerWebhookConcurrency), options.PerWebhookConcurrency);
        RequireAtLeastOne(failures, nameof(options.MaxConcurrency), options.MaxConcurrency);
        if (options.PerWebhookConcurrency > options.MaxConcurrency)
        {
            failures.Add($"{nameof(options.PerWebhookConcurrency)} ({options.PerWebhookConcurrency}) must not exceed {nameof(options.MaxConcurrency)} ({options.MaxConcurrency}).");
        }

        if (options.HandOffCapacity < 0)
        {
            failures.Add($"{nameof(options.HandOffCapacity)} must not be negative (got {options.HandOffCapacity}).");
        }

        RequireAtLeastOne(failures, nameof(options.ClaimBatchSize), options.ClaimBatchSize);
        RequireAtLeastOne(failures, nameof(options.RecordBatchSize), options.RecordBatchSize);
        RequireAtLeastOne(failures, nameof(options.RecordQueueCapacity), options.RecordQueueCapacity);
        RequireAtLeastOne(failures, nameof(options.IntakeGroupMaxRows), options.IntakeGroupMaxRows);

        // A lease that can expire while its attempt is still running lets a second node send the same delivery.
        if (options.LeaseDuration <= options.Timeout)
        {
            failures.Add($"{nameof(options.LeaseDuration)} ({options.LeaseDuration}) must be longer than {nameof(options.Timeout)} ({options.Timeout}).");
        }

        if (options.RecordLinger < TimeSpan.Zero || options.RecordLinger > TimeSpan.FromSeconds(1))
        {
            failures.Add($"{nameof(options.RecordLinger)} must be between 0 and 1 s (got {options.RecordLinger}).");
        }

        if (options.ShutdownGrace < TimeSpan.Zero)
        {
            failures.Add($"{nameof(options.ShutdownGrace)} must not be negative (got {options.ShutdownGrace}).");
        }

        if (options.ResponseExcerptBytes is < 0 or > MaxExcerptBytes)
        {
            failures.Add($"{nameof(options.ResponseExcerptBytes)} must be between 0 and {MaxExcerptBytes} (got {options.ResponseExcerptBytes}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{name} must be positive (got {value}).");
        }
    }

    private static void RequireAtLeastOne(List<string> failures, string name, int value)
    {
        if (value < 1)
        {
            failures.Add($"{name} must be at least 1 (got {value}).");
        }
    }

    private static void RequireSchedule(List<string> failures, string name, IList<TimeSpan> schedule, bool allowZero)
    {
        if (schedule.Count == 0)
        {
            failures.Add($"{name} must have at least one entry.");
        }

        foreach (var delay in schedule)
        {
            if (delay < TimeSpan.Zero || (!allowZero && delay == TimeSpan.Zero))
            {
                failures.Add($"{name} entries must be {(allowZero ? "zero or positive" : "positive")} (got {delay}).");
            }
        }
    }
}
