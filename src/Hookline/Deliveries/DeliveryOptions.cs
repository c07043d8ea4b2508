namespace Hookline.Deliveries;

/// <summary>
/// How deliveries are sent, retried and paced. Bound from <c>Hookline:Delivery</c> by
/// <see cref="DeliveryServiceCollectionExtensions.AddDeliveryOptions"/>; every value can be shrunk in tests.
/// </summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Hookline:Delivery";

    /// <summary>The whole exchange: connect, send, response headers and the response excerpt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Delay before each retry: entry i follows failure i+1, so the first entry is the wait after the
    /// first failed attempt. Once the list is used up, retries repeat every <see cref="RepeatInterval"/>.
    /// Configured values replace these defaults rather than append to them.
    /// </summary>
    public IList<TimeSpan> RetrySchedule { get; } =
    [
        TimeSpan.Zero,
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
        TimeSpan.FromHours(10),
    ];

    public TimeSpan RepeatInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Counted from the delivery's creation; a delivery still failing after it is failed.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Each delay is spread by ± this fraction so that retries after a shared outage do not stampede.</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>The longest wait a receiver's <c>Retry-After</c> can impose.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Lifts the outbound address rules: for development and tests against local receivers.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Consecutive failed attempts after which a webhook is down.</summary>
    public int DownAfterFailures { get; set; } = 5;

    /// <summary>Delay before each probe of a down webhook; the last entry repeats.</summary>
    public IList<TimeSpan> ProbeSchedule { get; } =
    [
        TimeSpan.FromSeconds(5),
        TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(10),
    ];

    /// <summary>
    /// Parallel sends per webhook, and so the pace at which a backlog drains after the webhook comes back up:
    /// enough for one busy receiver, bounded so a recovering one is not flooded.
    /// </summary>
    public int PerWebhookConcurrency { get; set; } = 16;

    /// <summary>How often the dispatcher looks for due deliveries when nothing woke it (retries coming due).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Parallel sends per node, all webhooks together.</summary>
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>How long a claimed delivery belongs to its worker before another node may take it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long shutdown waits for sends in flight before releasing their leases.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Deliveries the intake may hand to this node's dispatcher in memory, already leased, beyond those it is sending:
    /// past this many, new deliveries wait in the table for the claim. Each costs its body in memory.
    /// </summary>
    public int HandOffCapacity { get; set; } = 4096;

    /// <summary>
    /// Deliveries one claim takes, at most, and that this node holds from claims at once (queued behind its sends): a
    /// backlog drains in claims of this size, each webhook's share capped so that one backlog holds up no other webhook.
    /// </summary>
    public int ClaimBatchSize { get; set; } = 256;

    /// <summary>Outcomes recorded per transaction, at most; they are written in the background while sends go on.</summary>
    public int RecordBatchSize { get; set; } = 500;

    /// <summary>
    /// How long the recorder waits for more outcomes when it has fewer than a batch: a batch's transaction costs about
    /// the same for 50 outcomes as for 200, and each one takes the database's write turn from the intake. Nothing waits
    /// on the record but the lease, which outlasts it by far.
    /// </summary>
    public TimeSpan RecordLinger { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Outcomes waiting to be recorded, at most: past this many, finished sends wait for the recorder before their slot comes back.</summary>
    public int RecordQueueCapacity { get; set; } = 4096;

    /// <summary>Rows (calls, events, deliveries) of concurrent intake requests written in one transaction, and so one fsync, at most.</summary>
    public int IntakeGroupMaxRows { get; set; } = 20_000;

    /// <summary>
    /// How many nodes share the deliveries: each sends a throttled webhook this share of its <c>maxPerSecond</c>
    /// (docs/delivery.md, "Throttle"). Counting more nodes than run only sends slower.
    /// </summary>
    public int Nodes { get; set; } = 1;

    /// <summary>How much of each response body is kept with the attempt.</summary>
    public int ResponseExcerptBytes { get; set; } = 4096;
}
