using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hookline.Calls;
using Hookline.Deliveries;

namespace Hookline.Operations;

/// <summary>
/// The meter and the activity source named <c>Hookline</c>, and the instruments the delivery engine and the intake
/// write to. Their labels are fixed words (an outcome, an event type), never a group, location, webhook or URL, so
/// the series stay few and say nothing of tenants. The instruments are static because the hot path calls them: an
/// <c>Add</c> with a prepared tag costs no allocation, and nothing at all while no listener (exporter) is attached.
/// </summary>
public static class HooklineTelemetry
{
    public const string Name = "Hookline";

    private static readonly string? Version = typeof(HooklineTelemetry).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(Name, Version);

    private static readonly Meter Meter = new(Name, Version);

    private static readonly KeyValuePair<string, object?> Delivered = new("outcome", "delivered");
    private static readonly KeyValuePair<string, object?> Retry = new("outcome", "retry");
    private static readonly KeyValuePair<string, object?> Failed = new("outcome", "failed");

    /// <summary>Seconds, from a fraction of a second (a fast receiver) to days (a retry window).</summary>
    private static readonly double[] LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600, 3 * 24 * 3600];

    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly int[] SizeBuckets = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000];

    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("hookline.deliveries", "{delivery}",
        "Attempts' outcomes for their delivery, as recorded: delivered, retry (pending again) or failed (retry window over).");

    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>("hookline.delivery.attempts", "{attempt}",
        "Delivery attempts recorded, whatever their outcome.");

    private static readonly Histogram<double> Latency = Meter.CreateHistogram("hookline.delivery.latency", "s",
        "From the intake that made a delivery (or its manual retry) to its being recorded delivered.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    private static readonly Counter<long> IntakeEvents = Meter.CreateCounter<long>("hookline.intake.events", "{event}",
        "Call events accepted (committed) by the intake, by type.");

    private static readonly Histogram<int> ClaimSize = Meter.CreateHistogram("hookline.delivery.claim.size", "{delivery}",
        "Deliveries taken by one claim of the table.", advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = SizeBuckets });

    private static readonly Histogram<double> ClaimDuration = Meter.CreateHistogram("hookline.delivery.claim.duration", "s",
        "Time one claim of the table took.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    private static readonly Histogram<int> RecordSize = Meter.CreateHistogram("hookline.delivery.record.size", "{outcome}",
        "Outcomes and released leases written by one recording transaction.", advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = SizeBuckets });

    private static readonly Histogram<double> RecordDuration = Meter.CreateHistogram("hookline.delivery.record.duration", "s",
        "Time one recording transaction took.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    private static QueueFigures? _queue;

    /// <summary>The queue's figures as last read (<see cref="QueueGauges"/>); null, and so no gauge values, while the database does not answer.</summary>
    internal static QueueFigures? Queue
    {
        get => Volatile.Read(ref _queue);
        set => Volatile.Write(ref _queue, value);
    }

    private static readonly ObservableGauge<long> QueueDepth = Meter.CreateObservableGauge("hookline.delivery.queue.depth",
        () => Observe(q => q.Pending), "{delivery}", "Deliveries pending (due, scheduled for a retry, or being sent), all webhooks together.");

    private static readonly ObservableGauge<double> OldestDueAge = Meter.CreateObservableGauge("hookline.delivery.oldest_due.age",
        () => Observe(q => q.OldestDueAge), "s", "How long the oldest due delivery of a webhook that is up has waited past its due time; 0 when none is due.");

    private static readonly ObservableGauge<long> WebhooksDown = Meter.CreateObservableGauge("hookline.webhooks.down",
        () => Observe(q => q.WebhooksDown), "{webhook}", "Webhooks down (failing, probed on a backoff).");

    private static IEnumerable<Measurement<T>> Observe<T>(Func<QueueFigures, T> pick) where T : struct =>
        Queue is { } queue ? [new Measurement<T>(pick(queue))] : [];

    /// <summary>A recorded batch: each outcome counted once it is committed.</summary>
    internal static void Recorded(IReadOnlyList<DeliveryOutcome> outcomes, int released, DeliveryTransitions transitions, DateTimeOffset now, TimeSpan took)
    {
        RecordSize.Record(outcomes.Count + released);
        RecordDuration.Record(took.TotalSeconds);
        if (!Deliveries.Enabled && !Attempts.Enabled && !Latency.Enabled) return;
        foreach (var (claimed, result, _, retries) in outcomes)
        {
            Attempts.Add(1);
            if (result.Delivered)
            {
                Deliveries.Add(1, Delivered);
                Latency.Record(Math.Max(0, (now - claimed.WindowStart).TotalSeconds));
            }
            else
            {
                Deliveries.Add(1, transitions.After(claimed, result, now, retries).Status == DeliveryStatus.Failed ? Failed : Retry);
            }
        }
    }

    /// <summary>A trace of one intake batch; null (and free) while no tracer listens.</summary>
    internal static Activity? StartIntake(int events) =>
        Source.HasListeners() ? Source.StartActivity("hookline.intake")?.SetTag("hookline.events", events) : null;

    /// <summary>A trace of one attempt, under the intake that made the delivery when it was handed over in memory.</summary>
    internal static Activity? StartAttempt(ClaimedDelivery delivery) =>
        Source.HasListeners()
            ? Source.StartActivity("hookline.delivery.attempt", ActivityKind.Internal, delivery.Origin)?
                .SetTag("hookline.delivery.id", delivery.Id).SetTag("hookline.delivery.attempt", delivery.Attempts + 1)
            : null;

    internal static void Claimed(int count, TimeSpan took)
    {
        ClaimSize.Record(count);
        ClaimDuration.Record(took.TotalSeconds);
    }

    internal static void Accepted(IReadOnlyList<CallEventRequest> events)
    {
        if (!IntakeEvents.Enabled) return;
        foreach (var e in events) IntakeEvents.Add(1, new KeyValuePair<string, object?>("type", e.Type));
    }
}

internal sealed record QueueFigures(long Pending, double OldestDueAge, long WebhooksDown);
