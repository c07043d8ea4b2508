using System.Collections.Concurrent;
using System.Threading.Channels;
using Hookline.Storage;
using Microsoft.Extensions.Options;

namespace Hookline.Deliveries;

/// <summary>
/// The background worker that sends deliveries: it claims due ones with a lease, sends them concurrently, and
/// hands each result to a writer that records them in batches. A delivery is marked delivered only after the
/// receiver's answer is recorded; until then its lease, if this process dies, runs out and it is sent again.
/// </summary>
public sealed partial class DeliveryDispatcher(
    IServiceScopeFactory scopes, WebhookSender sender, WebhookTargets targets, DeliveryRecorder recorder, DeliverySignal signal, WriteGate gate,
    IOptions<DeliveryOptions> options, TimeProvider time, ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    private readonly string _node = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);
    private readonly Channel<DeliveryOutcome> _outcomes = Channel.CreateUnbounded<DeliveryOutcome>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _sends = new();
    private readonly ConcurrentBag<string> _cut = [];

    private DeliveryOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writer = WriteOutcomesAsync();
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await ClaimAndSendAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogClaimFailed(logger, e);
            }
            if (claimed > 0 && _inFlight.Count < Options.MaxConcurrency) continue;
            try
            {
                await signal.WaitAsync(Options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await FinishSendsAsync().ConfigureAwait(false);
        // Every result that came back is recorded before any lease is given back: a delivery whose "delivered"
        // is still queued must not be released for another node to send again.
        _outcomes.Writer.TryComplete();
        await writer.ConfigureAwait(false);
        await ReleaseCutAsync().ConfigureAwait(false);
    }

    private async Task<int> ClaimAndSendAsync(CancellationToken ct)
    {
        var free = Options.MaxConcurrency - _inFlight.Count;
        if (free <= 0) return 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
        var claims = new DeliveryClaims(db, gate);
        var now = time.GetUtcNow();
        var leaseUntil = now + Options.LeaseDuration;
        var claimed = await claims.ClaimProbesAsync(now, leaseUntil, _node, ct).ConfigureAwait(false);
        claimed.AddRange(await claims.ClaimDueAsync(Math.Max(0, free - claimed.Count), Options.PerWebhookConcurrency, now, leaseUntil, _node, ct).ConfigureAwait(false));
        if (claimed.Count == 0) return 0;

        var webhooks = await targets.GetAsync(db, [.. claimed.Select(c => c.WebhookId).Distinct()], ct).ConfigureAwait(false);
        foreach (var delivery in claimed)
        {
            if (webhooks.TryGetValue(delivery.WebhookId, out var target))
            {
                // Registered before it starts: a send can finish before SendAsync returns (a fast receiver's answer already
                // read, a request refused before it went out), and its own removal must find it, or its slot is lost for good.
                var send = new Task<Task>(() => SendAsync(delivery, target));
                _inFlight[delivery.Id] = send.Unwrap();
                send.RunSynchronously();
            }
            else if (targets.Unreadable(delivery.WebhookId) is { } error)
            {
                _outcomes.Writer.TryWrite(new DeliveryOutcome(delivery, new AttemptResult(false, null, TimeSpan.Zero, error, null, null, now), _node));
            }
            // Otherwise the webhook was deleted meanwhile, and its deliveries with it.
        }
        return claimed.Count;
    }

    private async Task SendAsync(ClaimedDelivery delivery, WebhookTarget target)
    {
        try
        {
            var request = new OutboundRequest(delivery.Id, target.Method, target.Url, target.Headers, delivery.Body, delivery.ContentType,
                target.SigningSecret, target.SuccessCodes);
            var result = await sender.SendAsync(request, _sends.Token).ConfigureAwait(false);
            // Shutdown cut the attempt short: it is not recorded, and its lease is given back in ReleaseCutAsync.
            if (_sends.IsCancellationRequested && !result.Delivered)
            {
                _cut.Add(delivery.Id);
                return;
            }
            _outcomes.Writer.TryWrite(new DeliveryOutcome(delivery, result, _node));
        }
        catch (OperationCanceledException) when (_sends.IsCancellationRequested)
        {
            _cut.Add(delivery.Id);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogSendFailed(logger, delivery.Id, e);
        }
        finally
        {
            _inFlight.TryRemove(delivery.Id, out _);
            if (_inFlight.Count <= Options.MaxConcurrency / 2) signal.Notify();
        }
    }

    /// <summary>Reads results as they come and records them in batches: one transaction per batch, not per delivery.</summary>
    private async Task WriteOutcomesAsync()
    {
        var batch = new List<DeliveryOutcome>();
        while (await _outcomes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < 500 && _outcomes.Reader.TryRead(out var outcome)) batch.Add(outcome);
            await RecordAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    /// <summary>
    /// Records a batch, trying again through a passing fault; if it still fails, records its outcomes one by one,
    /// so one that cannot be stored does not hold back the rest. An outcome that cannot be stored at all is
    /// dropped: its lease runs out and the delivery is sent again (at least once, never lost).
    /// </summary>
    private async Task RecordAsync(List<DeliveryOutcome> batch)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                await recorder.RecordAsync(batch, CancellationToken.None).ConfigureAwait(false);
                // Recording gave the leases back: their webhooks have free slots again, and waiting for the next poll
                // would stall a busy webhook's backlog once every send had finished before its outcome was written.
                signal.Notify();
                return;
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
                await recorder.RecordAsync([outcome], CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogOutcomeDropped(logger, outcome.Delivery.Id, e);
            }
        }
    }

    /// <summary>On shutdown: lets attempts in flight finish within the grace period, then cuts the rest short.</summary>
    private async Task FinishSendsAsync()
    {
        await Task.WhenAny(Task.WhenAll(_inFlight.Values.ToArray()), Task.Delay(Options.ShutdownGrace)).ConfigureAwait(false);
        await _sends.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_inFlight.Values.ToArray()).ConfigureAwait(false);
    }

    /// <summary>Gives back the leases of attempts cut short, so another node or the next start takes them at once.</summary>
    private async Task ReleaseCutAsync()
    {
        if (_cut.IsEmpty) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
            await new DeliveryClaims(db, gate).ReleaseAsync(_node, [.. _cut], CancellationToken.None).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Claiming deliveries failed; trying again")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending delivery {DeliveryId} failed unexpectedly; its lease will run out and it will be sent again")]
    private static partial void LogSendFailed(ILogger logger, string deliveryId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording {Count} delivery outcomes failed; trying again")]
    private static partial void LogRecordFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outcome of delivery {DeliveryId} could not be recorded; its lease will run out and it will be sent again")]
    private static partial void LogOutcomeDropped(ILogger logger, string deliveryId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing leases at shutdown failed; they will run out instead")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
