using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Hookline.Storage;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file in the background, on a connection of its own, off the
/// writers' turns. SQLite otherwise does it inside the commit that passes 1,000 pages of log, holding the write turn
/// meanwhile: flat out, a copy and two fsyncs every few commits, while every writer waited. A passive checkpoint takes
/// no writer's lock, so the writers go on while it copies what is committed; the last few pages are copied in a write
/// turn, so that the pass completes and the next commit starts the log over from its beginning (a log never copied to
/// its end would only grow). Should this fall behind, the writers' connection checkpoints itself past
/// <see cref="WriteGate.WriterCheckpointPages"/>.
/// </summary>
public sealed partial class SqliteCheckpointer(IOptions<StorageOptions> options, WriteGate gate, TimeProvider time, ILogger<SqliteCheckpointer> logger)
    : BackgroundService
{
    /// <summary>
    /// How often the log is copied when it was written: flat out about 4,000 pages of log, in which a page written
    /// several times (a delivery's row stored, then its outcome recorded) is copied once.
    /// </summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Pages still to copy after a pass below which the rest is copied in a write turn.</summary>
    public const int FinishInTurnBelow = 1_000;

    /// <summary>Passes outside the turns at most before the one in a turn (each copies what came during the last).</summary>
    private const int PassesOutside = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.IsPostgres) return;
        SqliteConnection? connection = null;
        var failing = false;
        var seen = gate.WriterTurns;
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false))
            {
                if (gate.WriterTurns == seen) continue;
                seen = gate.WriterTurns;
                try
                {
                    if (connection is null)
                    {
                        connection = new SqliteConnection(StorageServiceCollectionExtensions.SqliteConnectionString(options.Value));
                        await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                    }
                    var left = await PassAsync(connection, stoppingToken).ConfigureAwait(false);
                    for (var pass = 1; pass < PassesOutside && left >= FinishInTurnBelow; pass++)
                        left = await PassAsync(connection, stoppingToken).ConfigureAwait(false);
                    if (left is > 0 and < FinishInTurnBelow)
                    {
                        using (await gate.EnterAsync(stoppingToken).ConfigureAwait(false)) await PassAsync(connection, stoppingToken).ConfigureAwait(false);
                    }
                    failing = false;
                }
                catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException)
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

    /// <summary>One passive pass; returns the pages of log it could not copy yet (0: the log is all in the file).</summary>
    private static async Task<long> PassAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        // busy, pages in the log, pages copied (-1, -1 when the file is not in WAL mode).
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? Math.Max(0, reader.GetInt64(1) - reader.GetInt64(2)) : 0;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The background checkpoint of the SQLite log failed; trying again")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
