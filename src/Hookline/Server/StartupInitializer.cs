using Hookline.Auth;
using Hookline.Storage;

namespace Hookline.Server;

/// <summary>
/// Creates or migrates the schema and makes the first admin key and admin user. It runs in <see cref="StartingAsync"/>,
/// which the host awaits before any service starts, so the server never listens on an old schema.
/// </summary>
public sealed class StartupInitializer(IServiceProvider services) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var turn = await DatabaseMigrator.LockStartupAsync(services, cancellationToken).ConfigureAwait(false);
        await using var _ = turn.ConfigureAwait(false);
        await DatabaseMigrator.MigrateAsync(services, cancellationToken).ConfigureAwait(false);
        await BootstrapAdminKey.EnsureAsync(services, cancellationToken).ConfigureAwait(false);
        await Users.BootstrapAdminUser.EnsureAsync(services, cancellationToken).ConfigureAwait(false);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
