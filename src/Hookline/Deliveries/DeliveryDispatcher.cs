using System.Threading.Channels;
using Hookline.Storage;
using Microsoft.Extensions.Options;

namespace Hookline.Deliveries;

/// <summary>
/// The background worker that sends deliveries. They come two ways: handed over in memory by this node's intake,
/// already leased (<see cref="DeliveryHandOff"/>), and claimed from the table with a lease (retries, expired leases,
/// other nodes' work, restarts). One loop owns what is held in memory and starts the sends; a send's slot comes back
/// when the send ends, and its outcome is recorded in batches in the background. A delivery is marked delivered only
/// once the receiver's answer is recorded; until then its lease, if this process dies, runs out and it is sent again.
/// </summary>
public sealed partial class DeliveryDispatcher(
    IServiceScopeFactory scopes, WebhookSender sender, WebhookTargets targets, DeliveryRecorder recorder, DeliverySignal signal,
    DeliveryHandOff handOff, IOptions<DeliveryOptions> options, TimeProvider time, ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    /// <summary>How many of the most recently delivered ids are remembered, so a later delivery of the same call may follow at once.</summary>
    private const int RememberedDeliveries = 65_536;

    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<DeliveryOutcome> _outcomes = Channel.CreateBounded<DeliveryOutcome>(
        new BoundedChannelOptions(options.Value.RecordQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _released = new();
    private readonly CancellationTokenSource _sends = new();

    /// <summary>Written to the outcome channel to wake the recorder for leases given back when no outcome is coming.</summary>
    private static readonly DeliveryOutcome WakeRecorder = new(
        new ClaimedDelivery("", "", "", [], 0, default, false, default), new AttemptResult(false, null, default, null, null, null, default), "");

    // Owned by the loop (PumpAsync) alone.
    private readonly Dictionary<string, Held> _held = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _down = new(StringComparer.Ordinal);
    private readonly HashSet<string> _delivered = new(StringComparer.Ordinal);
    private readonly Queue<string> _deliveredOrder = new();
    private readonly List<string> _unsent = [];
    private int _sending;
    private bool _stopping;

    /// <summary>Claimed deliveries held in memory: the claim takes no more than <see cref="DeliveryOptions.ClaimBatchSize"/> less these.</summary>
    private int _claimedHeld;

    /// <summary>Since when the recorder has found the database out of reach (a timestamp), or null: owned by the recorder alone.</summary>
    private long? _outageSince;

    private static readonly TimeSpan OutageFirstWait = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between tries while the database is out of reach: short, so recording resumes soon after it is back.</summary>
    private static readonly TimeSpan OutageMaxWait = TimeSpan.FromSeconds(2);

    private DeliveryOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recording = RecordOutcomesAsync();
        handOff.Attach(deliveries => _work.Writer.TryWrite(new Work.Accept(deliveries, HandedOff: true)));
        var claiming = ClaimLoopAsync(stoppingToken);
        using (stoppingToken.Register(() => _work.Writer.TryWrite(new Work.Stop())))
        {
            await PumpAsync().ConfigureAwait(false);
        }
        await claiming.ConfigureAwait(false);
        // A claim that ended after the loop did: its deliveries are given back with the rest.
        while (_work.Reader.TryRead(out var late))
        {
            if (late is Work.Accept accept) _unsent.AddRange(accept.Deliveries.Select(d => d.Id));
        }
        // Every result that came back is recorded before any lease is given back: a delivery whose "delivered" is still
        // queued must not be released for another node to send again.
        _outcomes.Writer.TryComplete();
        await recording.ConfigureAwait(false);
        await ReleaseUnsentAsync().ConfigureAwait(false);
    }

    /// <summary>The slow path: claims due deliveries while there are free slots, when woken (intake, recorder, API) or at each poll.</summary>
    private async Task ClaimLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var free = Options.ClaimBatchSize - Volatile.Read(ref _claimedHeld);
            var claimed = 0;
            try
            {
                if (free > 0) claimed = await ClaimAsync(free, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogClaimFailed(logger, e);
            }
            if (claimed > 0 && claimed < free) continue; // more may be due, and there is room for them
            try
            {
                await signal.WaitAsync(Options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<int> ClaimAsync(int free, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<DeliveryStore>();
        var now = time.GetUtcNow();
        var started = time.GetTimestamp();
        var leaseUntil = now + Options.LeaseDuration;
        // Checkpoint 1: the lease is taken before anything is sent.
        var claimed = await store.ClaimProbesAsync(now, leaseUntil, handOff.Node, ct).ConfigureAwait(false);
        // Each webhook's share of a claim: a round of sends and the next one queued behind it.
        var perWebhook = 2 * Options.PerWebhookConcurrency;
        claimed.AddRange(await store.ClaimDueAsync(Math.Max(0, free - claimed.Count), perWebhook, now, leaseUntil, handOff.Node, ct).ConfigureAwait(false));
        Operations.HooklineTelemetry.Claimed(claimed.Count, time.GetElapsedTime(started));
        if (claimed.Count == 0) return 0;
        Interlocked.Add(ref _claimedHeld, claimed.Count);
        _work.Writer.TryWrite(new Work.Accept(claimed, HandedOff: false));
        return claimed.Count;
    }

    /// <summary>The loop that owns the held deliveries: takes in what arrives, starts sends while slots are free, until stopped with nothing in flight.</summary>
    private async Task PumpAsync()
    {
        while (await _work.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_work.Reader.TryRead(out var work))
            {
                switch (work)
                {
                    case Work.Accept accept:
                        await AcceptAsync(accept.Deliveries, accept.HandedOff).ConfigureAwait(false);
                        break;
                    case Work.Done done:
                        Finish(done.Held, done.Delivered, done.Cut);
                        break;
                    case Work.Health health:
                        _down.UnionWith(health.Changes.Down);
                        _down.ExceptWith(health.Changes.Up);
                        break;
                    case Work.Stop:
                        StopSending();
                        break;
                    case Work.Wake:
                        _wakeAt = null; // a throttled webhook has a token again: StartSends below
                        break;
                    case Work.Renewed renewed:
                        Renewed(renewed.Ids, renewed.LeaseUntil);
                        break;
                    case Work.RenewalDue:
                        RenewalDue(); // leases may need renewing: below
                        break;

                }
            }
            if (_stopping && _sending == 0) return;
            StartSends();
            RenewLeases();
            if (!_released.IsEmpty) _outcomes.Writer.TryWrite(WakeRecorder);
        }
    }

    private async Task AcceptAsync(IReadOnlyList<ClaimedDelivery> deliveries, bool handedOff)
    {
        Dictionary<string, WebhookTarget> found;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
            found = await targets.GetAsync(db, [.. deliveries.Select(d => d.WebhookId).Distinct()], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogClaimFailed(logger, e);
            found = [];
        }
        var now = time.GetUtcNow();
        foreach (var delivery in deliveries)
        {
            var held = new Held(delivery, found.GetValueOrDefault(delivery.WebhookId), handedOff);
            _held[delivery.Id] = held;
            if (_stopping)
            {
                Release(held);
            }
            else if (held.Target is null)
            {
                if (targets.Unreadable(delivery.WebhookId) is { } error)
                {
                    _ = RecordAsync(held, new AttemptResult(false, null, TimeSpan.Zero, error, null, null, now));
                }
                else
                {
                    Forget(held); // the webhook was deleted meanwhile, and its deliveries with it
                }
            }
            else
            {
                Queue(held);
            }
        }
    }

    /// <summary>
    /// The per-call order rule, in memory: a delivery handed over behind earlier ones of its call and webhook waits for
    /// each to be delivered by this node. An earlier one this node does not hold (another node's, or retrying) sends it
    /// back to the table, where the claim applies the same rule.
    /// </summary>
    private void Queue(Held held)
    {
        var waiting = new List<Held>();
        foreach (var earlier in held.Delivery.After ?? [])
        {
            if (_delivered.Contains(earlier)) continue;
            if (!_held.TryGetValue(earlier, out var before))
            {
                Release(held);
                return;
            }
            waiting.Add(before);
        }
        foreach (var before in waiting) (before.Waiters ??= []).Add(held);
        held.WaitingFor = waiting.Count;
        if (held.WaitingFor == 0) LaneOf(held).Ready.Enqueue(held);
    }

    private void StartSends()
    {
        if (_stopping) return;
        var now = time.GetUtcNow();
        foreach (var lane in _lanes.Values)
        {
            while (_sending < Options.MaxConcurrency && lane.Sending < Options.PerWebhookConcurrency && lane.Ready.TryPeek(out var next)
                   && MayStart(next, now) && lane.Ready.TryDequeue(out var held))
            {
                if (held.Released) continue;
                // Too little lease left for a whole attempt, or the webhook went down since: back to the table.
                if (held.Delivery.LeaseUntil - now < Options.Timeout || (!held.Delivery.Probe && _down.Contains(held.Delivery.WebhookId)))
                {
                    Release(held);
                    continue;
                }
                held.InFlight = true;
                lane.Sending++;
                _sending++;
                _ = SendAsync(held);
            }
            if (_sending >= Options.MaxConcurrency) return;
        }
    }

    private async Task SendAsync(Held held)
    {
        var delivered = false;
        try
        {
            var (delivery, target) = (held.Delivery, held.Target!);
            using var activity = Operations.HooklineTelemetry.StartAttempt(delivery);
            var request = new OutboundRequest(delivery.Id, target.Method, WebhookBodies.UrlOf(delivery.Url, target.Url), target.Headers, delivery.Body, delivery.ContentType,
                target.SigningSecret, target.SuccessCodes, target.Auth);
            var result = await sender.SendAsync(request, _sends.Token).ConfigureAwait(false);
            // Shutdown cut the attempt short: it is not recorded, and its lease is given back once the outcomes are.
            if (_sends.IsCancellationRequested && !result.Delivered)
            {
                _work.Writer.TryWrite(new Work.Done(held, Delivered: false, Cut: true));
                return;
            }
            delivered = result.Delivered;
            // Checkpoint 2: queued for recording; the lease protects it until it is written, and the slot comes back now.
            await _outcomes.Writer.WriteAsync(new DeliveryOutcome(delivery, result, handOff.Node, target.Retries)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_sends.IsCancellationRequested)
        {
            _work.Writer.TryWrite(new Work.Done(held, Delivered: false, Cut: true));
            return;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogSendFailed(logger, held.Delivery.Id, e);
        }
        _work.Writer.TryWrite(new Work.Done(held, delivered, Cut: false));
    }

    private async Task RecordAsync(Held held, AttemptResult result)
    {
        await _outcomes.Writer.WriteAsync(new DeliveryOutcome(held.Delivery, result, handOff.Node)).ConfigureAwait(false);
        _work.Writer.TryWrite(new Work.Done(held, Delivered: false, Cut: false));
    }

    /// <summary>A send ended: its slot comes back, and the deliveries waiting behind it go, or go back to the table if it failed.</summary>
    private void Finish(Held held, bool delivered, bool cut)
    {
        if (held.InFlight && _lanes.TryGetValue(held.Delivery.WebhookId, out var lane))
        {
            lane.Sending--;
            _sending--;
        }
        Forget(held);
        if (cut) _unsent.Add(held.Delivery.Id);
        if (delivered)
        {
            _delivered.Add(held.Delivery.Id);
            _deliveredOrder.Enqueue(held.Delivery.Id);
            if (_deliveredOrder.Count > RememberedDeliveries) _delivered.Remove(_deliveredOrder.Dequeue());
        }
        foreach (var waiter in held.Waiters ?? [])
        {
            if (waiter.Released) continue;
            if (!delivered) Release(waiter);
            else if (--waiter.WaitingFor == 0) LaneOf(waiter).Ready.Enqueue(waiter);
        }
    }

    /// <summary>Gives a held delivery's lease back (recorded with the next batch), and those of the deliveries waiting behind it.</summary>
    private void Release(Held held)
    {
        if (held.Released) return;
        Forget(held);
        if (_stopping) _unsent.Add(held.Delivery.Id);
        else _released.Enqueue(held.Delivery.Id);
        foreach (var waiter in held.Waiters ?? []) Release(waiter);
    }

    private void Forget(Held held)
    {
        held.Released = true;
        if (!_held.Remove(held.Delivery.Id)) return;
        if (held.HandedOff) handOff.Finished(1);
        else if (Interlocked.Decrement(ref _claimedHeld) <= Options.ClaimBatchSize / 2) signal.Notify();
    }

    private Lane LaneOf(Held held)
    {
        if (!_lanes.TryGetValue(held.Delivery.WebhookId, out var lane)) _lanes[held.Delivery.WebhookId] = lane = new Lane();
        return lane;
    }

    /// <summary>On shutdown: no new sends; what is held unsent is given back; attempts in flight get the grace period, then are cut short.</summary>
    private void StopSending()
    {
        _stopping = true;
        handOff.Attach(null);
        foreach (var held in _held.Values.Where(h => !h.InFlight).ToList()) Release(held);
        _ = Task.Delay(Options.ShutdownGrace, time).ContinueWith(_ => _sends.Cancel(), TaskScheduler.Default);
    }

    /// <summary>
    /// Reads outcomes as they come and records them in batches, with the leases given back meanwhile: one transaction per
    /// batch, not per delivery. Recording gives leases back and schedules retries, so the claim is woken after each.
    /// </summary>
    private async Task RecordOutcomesAsync()
    {
        var batch = new List<DeliveryOutcome>(Options.RecordBatchSize);
        var released = new List<string>();
        while (await _outcomes.Reader.WaitToReadAsync().ConfigureAwait(false) || !_released.IsEmpty)
        {
            Take(batch);
            // A short wait for more, unless the batch is full or the dispatcher stopping: fewer, larger transactions.
            if (batch.Count > 0 && batch.Count < Options.RecordBatchSize && Options.RecordLinger > TimeSpan.Zero && !_outcomes.Reader.Completion.IsCompleted)
            {
                await Task.Delay(Options.RecordLinger).ConfigureAwait(false);
                Take(batch);
            }
            while (released.Count < Options.RecordBatchSize && _released.TryDequeue(out var id)) released.Add(id);
            if (batch.Count > 0 || released.Count > 0)
            {
                var changes = await RecordAsync(batch, released).ConfigureAwait(false);
                if (changes is not null) _work.Writer.TryWrite(new Work.Health(changes));
                signal.Notify();
            }
            batch.Clear();
            released.Clear();
            if (_outcomes.Reader.Completion.IsCompleted && _released.IsEmpty) break;
        }
    }

    private void Take(List<DeliveryOutcome> batch)
    {
        while (batch.Count < Options.RecordBatchSize && _outcomes.Reader.TryRead(out var outcome))
        {
            if (!ReferenceEquals(outcome, WakeRecorder)) batch.Add(outcome);
        }
    }

    /// <summary>
    /// Records a batch, trying again through a passing fault; if it still fails, records its outcomes one by one, so one
    /// that cannot be stored does not hold back the rest. An outcome that cannot be stored at all is dropped: its lease
    /// runs out and the delivery is sent again (at least once, never lost). While the database is out of reach the batch
    /// is kept and tried again until it is written (<see cref="RecordUntilReachableAsync"/>): the receivers' answers are
    /// not thrown away for a blink, so nothing is sent twice.
    /// </summary>
    private async Task<HealthChanges?> RecordAsync(List<DeliveryOutcome> batch, List<string> released)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                return await RecordUntilReachableAsync(batch, released).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogRecordFailed(logger, batch.Count, e);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt)).ConfigureAwait(false);
            }
        }
        foreach (var outcome in batch)
        {
            try
            {
                await RecordUntilReachableAsync([outcome], []).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogOutcomeDropped(logger, outcome.Delivery.Id, e);
            }
        }
        return null;
    }

    /// <summary>
    /// Records a batch, waiting out an outage of the database with a capped backoff; logged once per outage, not per try.
    /// Meanwhile the outcome queue fills and the senders wait for room: memory stays bounded. Only a shutdown whose grace
    /// has run out gives up (the error is thrown, the outcomes dropped, their leases run out).
    /// </summary>
    private async Task<HealthChanges> RecordUntilReachableAsync(List<DeliveryOutcome> batch, List<string> released)
    {
        var wait = OutageFirstWait;
        while (true)
        {
            try
            {
                var changes = await recorder.RecordAsync(batch, released, handOff.Node, CancellationToken.None).ConfigureAwait(false);
                if (_outageSince is { } since)
                {
                    var elapsed = time.GetElapsedTime(since);
                    LogOutageOver(logger, elapsed);
                    _outageSince = null;
                }
                return changes;
            }
            catch (Exception e) when (Operations.DatabaseUnavailable.Is(e) && !_sends.IsCancellationRequested)
            {
                if (_outageSince is null)
                {
                    _outageSince = time.GetTimestamp();
                    LogOutage(logger, batch.Count, e);
                }
                await Task.Delay(wait).ConfigureAwait(false);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, OutageMaxWait.Ticks));
            }
        }
    }

    /// <summary>Gives back the leases of what was held unsent or cut short at shutdown, so another node or the next start takes them at once.</summary>
    private async Task ReleaseUnsentAsync()
    {
        if (_unsent.Count == 0) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DeliveryStore>().ReleaseAsync(handOff.Node, _unsent, time.GetUtcNow(), CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogReleaseFailed(logger, e);
        }
    }

    public override void Dispose()
    {
        _sends.Dispose();
        base.Dispose();
    }

    /// <summary>A delivery held in memory: queued, waiting for earlier ones of its call, or being sent.</summary>
    private sealed class Held(ClaimedDelivery delivery, WebhookTarget? target, bool handedOff)
    {
        /// <summary>Replaced when its lease is renewed (the lease's end is part of it).</summary>
        public ClaimedDelivery Delivery { get; set; } = delivery;
        public WebhookTarget? Target { get; } = target;
        public bool HandedOff { get; } = handedOff;
        public int WaitingFor { get; set; }
        public List<Held>? Waiters { get; set; }
        public bool Released { get; set; }
        public bool InFlight { get; set; }
    }

    /// <summary>One webhook's deliveries ready to send, and how many of its sends are under way.</summary>
    private sealed class Lane
    {
        public Queue<Held> Ready { get; } = new();
        public int Sending { get; set; }
    }

    private abstract record Work
    {
        public sealed record Accept(IReadOnlyList<ClaimedDelivery> Deliveries, bool HandedOff) : Work;

        public sealed record Done(Held Held, bool Delivered, bool Cut) : Work;

        public sealed record Health(HealthChanges Changes) : Work;

        public sealed record Stop : Work;

        public sealed record Wake : Work;

        /// <summary>A renewal ended: these held deliveries' leases now run until <paramref name="LeaseUntil"/>.</summary>
        public sealed record Renewed(IReadOnlyList<string> Ids, DateTimeOffset LeaseUntil) : Work;

        /// <summary>The time to look for leases to renew has come.</summary>
        public sealed record RenewalDue : Work;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Claiming deliveries failed; trying again")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending delivery {DeliveryId} failed unexpectedly; its lease will run out and it will be sent again")]
    private static partial void LogSendFailed(ILogger logger, string deliveryId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording {Count} delivery outcomes failed; trying again")]
    private static partial void LogRecordFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outcome of delivery {DeliveryId} could not be recorded; its lease will run out and it will be sent again")]
    private static partial void LogOutcomeDropped(ILogger logger, string deliveryId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The database is out of reach; {Count} delivery outcomes are kept and recording is tried again until it is back")]
    private static partial void LogOutage(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database is back after {Elapsed}; delivery outcomes are recorded again")]
    private static partial void LogOutageOver(ILogger logger, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing leases at shutdown failed; they will run out instead")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
