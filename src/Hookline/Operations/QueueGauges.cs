using Hookline.Deliveries;
using Hookline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hookline.Operations;

public sealed class MetricsOptions
{
    public const string Section = "Hookline:Metrics";

    /// <summary>
    /// How often the queue's gauges are read from the database. A scrape reads the last values, so any number of
    /// scrapers cost these three queries per interval and no more.
    /// </summary>
    public TimeSpan QueueRefreshInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// The gauges of the whole queue (the table every node shares): pending deliveries, the age of the oldest due one of a
/// webhook that is up, and webhooks down, read here in the background for the gauges of <see cref="HooklineTelemetry"/>.
/// Each node reports the same figures; take <c>max</c> across nodes.
/// </summary>
public sealed partial class QueueGauges(IServiceScopeFactory scopes, IOptions<MetricsOptions> options, TimeProvider time, ILogger<QueueGauges> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.QueueRefreshInterval, time);
        do
        {
            try
            {
                HooklineTelemetry.Queue = await ReadAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Stale figures would look like a healthy queue: none are reported until the database answers again.
                HooklineTelemetry.Queue = null;
                LogRefreshFailed(logger, e);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <remarks>
    /// The pending count walks the (Status, NextAttemptAt, CreatedAt) index's pending part, so it costs in proportion
    /// to the backlog, once per interval; the oldest due is the first entry of that index that is not of a down webhook.
    /// A leased delivery's due time is its lease's end, so deliveries being sent are not due.
    /// </remarks>
    private async Task<QueueFigures> ReadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
        var now = time.GetUtcNow();
        var pending = await db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Pending, ct).ConfigureAwait(false);
        var oldest = await db.Deliveries
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && !db.WebhookHealth.Any(h => h.WebhookId == d.WebhookId && h.IsDown))
            .OrderBy(d => d.NextAttemptAt).Select(d => (DateTimeOffset?)d.NextAttemptAt).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var down = await db.WebhookHealth.CountAsync(h => h.IsDown, ct).ConfigureAwait(false);
        return new QueueFigures(pending, oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0, down);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the queue's figures for the metrics failed; trying again at the next interval")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
