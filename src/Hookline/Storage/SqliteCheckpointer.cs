using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Hookline.Storage;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file in the background, on a connection of its own. SQLite
/// otherwise does it inside the commit that passes 1,000 pages of log: flat out that was every second commit of the
/// intake, whose requests wait for their commit, and it held every other writer's turn meanwhile (4 MB copied and
/// fsync'd). A passive checkpoint takes no writer's lock: the writers go on while it copies what is committed.
/// The writers' own connection still checkpoints past <see cref="WriterCheckpointPages"/>, should this fall behind.
/// </summary>
public sealed partial class SqliteCheckpointer(IOptions<StorageOptions> options, TimeProvider time, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>Log pages past which the writers' connection checkpoints itself (40 MB).</summary>
    public const int WriterCheckpointPages = 10_000;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.IsPostgres) return;
        SqliteConnection? connection = null;
        var failing = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                try
                {
                    if (connection is null)
                    {
                        connection = new SqliteConnection(StorageServiceCollectionExtensions.SqliteConnectionString(options.Value));
                        await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                    }
                    await using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    await command.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                    failing = false;
                }
                catch (Exception e) when (e is SqliteException or InvalidOperationException)
                {
                    // A full or locked disk, say: the writers' connection checkpoints past its limit; tried again next time.
                    if (!failing) LogCheckpointFailed(logger, e);
                    failing = true;
                    if (connection is not null) await connection.DisposeAsync().ConfigureAwait(false);
                    connection = null;
                }
            }
        }
        finally
        {
            if (connection is not null) await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The background checkpoint of the SQLite log failed; trying again")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
