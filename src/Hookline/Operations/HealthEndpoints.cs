using Hookline.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hookline.Operations;

/// <summary>
/// <c>/healthz</c>: the process answers. <c>/readyz</c>: it can do its work, the database answering on a current schema.
/// Both are anonymous (a load balancer or an orchestrator has no key) and their bodies are one word, so they say
/// nothing about tenants.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    /// <summary>Longer than a healthy database ever takes, shorter than a probe's own timeout.</summary>
    public static readonly TimeSpan DatabaseCheckTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddHooklineHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", HealthStatus.Unhealthy, [Ready], DatabaseCheckTimeout);
        return services;
    }

    public static IEndpointRouteBuilder MapHooklineHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) }).ExcludeFromDescription();
        return app;
    }
}

/// <summary>
/// Ready when the database answers and has every migration this build knows: asking for the pending migrations reads
/// the history table, so it is the round trip and the schema check in one.
/// </summary>
internal sealed partial class DatabaseReadyCheck(IServiceScopeFactory scopes, ILogger<DatabaseReadyCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).Count();
            return pending == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending} migrations pending");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Logged here, not answered: the reason may name the database's host.
            LogNotReady(logger, e);
            return HealthCheckResult.Unhealthy("database unreachable");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready: the database did not answer")]
    private static partial void LogNotReady(ILogger logger, Exception exception);
}
