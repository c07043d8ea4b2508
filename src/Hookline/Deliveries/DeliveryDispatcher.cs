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
        await DrainAsync().ConfigureAwait(false);
        _outcomes.Writer.TryComplete();
        await writer.ConfigureAwait(false);
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
            if (!webhooks.TryGetValue(delivery.WebhookId, out var target)) continue; // deleted meanwhile: its deliveries went with it
            // Registered before it starts: a send can finish before SendAsync returns (a fast receiver's answer already
            // read, a request refused before it went out), and its own removal must find it, or its slot is lost for good.
            var send = new Task<Task>(() => SendAsync(delivery, target));
            _inFlight[delivery.Id] = send.Unwrap();
            send.RunSynchronously();
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
            // Shutdown cut the attempt short: it is not recorded, and the lease is given back in DrainAsync.
            if (_sends.IsCancellationRequested && !result.Delivered) return;
            _outcomes.Writer.TryWrite(new DeliveryOutcome(delivery, result));
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
            try
            {
                await recorder.RecordAsync(batch, CancellationToken.None).ConfigureAwait(false);
                batch.Clear();
                // Recording gave the leases back: their webhooks have free slots again, and waiting for the next poll
                // would stall a busy webhook's backlog once every send had finished before its outcome was written.
                signal.Notify();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The batch is kept and written again; if the process dies first, the leases run out and the
                // deliveries are sent again (at least once, never lost).
                LogRecordFailed(logger, batch.Count, e);
                await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>On shutdown: lets attempts in flight finish within the grace period, then gives back the leases of the rest.</summary>
    private async Task DrainAsync()
    {
        var pending = _inFlight.Values.ToArray();
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(Options.ShutdownGrace)).ConfigureAwait(false);
        var unfinished = _inFlight.Keys.ToArray();
        await _sends.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_inFlight.Values.ToArray()).ConfigureAwait(false);
        if (unfinished.Length == 0) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
            await new DeliveryClaims(db, gate).ReleaseAsync(_node, unfinished, CancellationToken.None).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing leases at shutdown failed; they will run out instead")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
