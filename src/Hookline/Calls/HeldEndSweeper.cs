using Hookline.Deliveries;

namespace Hookline.Calls;

/// <summary>Every few seconds, fires the held call ends whose begin never came (see <see cref="CallIntake.ReleaseHeldEndsAsync"/>).</summary>
public sealed partial class HeldEndSweeper(IServiceScopeFactory scopes, DeliverySignal signal, TimeProvider time, ILogger<HeldEndSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    if (await scope.ServiceProvider.GetRequiredService<CallIntake>().ReleaseHeldEndsAsync(stoppingToken).ConfigureAwait(false) > 0)
                        signal.Notify();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Releasing held call ends failed; trying again at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
