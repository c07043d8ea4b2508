using Microsoft.EntityFrameworkCore;

namespace Hookline.Storage;

/// <summary>Creates or migrates the schema before the server takes requests.</summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run beside the one writer; it is a property of the file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Any number, the same in every build: the key of the lock that nodes starting together take turns under.</summary>
    private const long StartupLockKey = 0x486F6F6B6C696E65; // "Hookline"

    /// <summary>
    /// Nodes that start together on one PostgreSQL database take turns at the start-up's schema and bootstrap work: the
    /// first migrates and makes the admin key and user, the others wait on a session advisory lock, then find it done.
    /// EF Core's Migrate takes a lock of its own, but only around the migrations; the bootstrap needs one too. On
    /// SQLite there is one process per file, and this is nothing.
    /// </summary>
    public static async Task<IAsyncDisposable> LockStartupAsync(IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
        if (!db.Database.IsNpgsql())
        {
            await scope.DisposeAsync().ConfigureAwait(false);
            return NoLock.Instance;
        }
        try
        {
            await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({StartupLockKey})", ct).ConfigureAwait(false);
        }
        catch
        {
            await scope.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new StartupLock(scope, db);
    }

    private sealed class StartupLock(AsyncServiceScope scope, HooklineDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({StartupLockKey})", CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                // Closing the session would release it anyway: the lock never outlives a failed start.
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
                await scope.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
