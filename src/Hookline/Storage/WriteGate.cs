using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;

namespace Hookline.Storage;

/// <summary>
/// Turns for the busy writers of one node: call intake, and the dispatcher's claims and recorder. SQLite lets one
/// writer in at a time, and Microsoft.Data.Sqlite answers a locked database by sleeping 150 ms before it tries
/// again, so two writers that met cost the second 150 ms however short the first one's transaction; measured, that
/// held delivery to under 100 a second. Here the next writer goes in as soon as the last one commits. PostgreSQL
/// locks rows, not the database: there everyone goes in at once.
/// </summary>
/// <remarks>
/// On SQLite the turn also lends the one connection the busy writers share (<see cref="Turn.Connection"/>). SQLite
/// drops a connection's whole page cache when another connection has written since its last transaction; with the
/// writers taking turns on pooled connections, nearly every write began on a cold cache and read its pages again
/// from the file (4% of the server's CPU flat out, in <c>pread</c> alone). One connection that does all of the hot
/// writing keeps its cache, since its own writes do not invalidate it.
/// <para>
/// Durability without holding the turn for the disk: that connection runs with <c>synchronous = NORMAL</c>, and a
/// write turn on it syncs the write-ahead log itself once the turn has ended (<see cref="WriteTurn.DisposeAsync"/>),
/// before its caller goes on. SQLite's <c>FULL</c> is <c>NORMAL</c> plus exactly that one sync of the log after each
/// commit, done inside the commit and so inside the turn: every other writer waited for the disk. Here the next
/// writer goes in while the last one's sync runs, and turns that ended while a sync ran share the next one. A 202 is
/// still sent only once the log holding it is on disk. When the file is not in WAL mode (or the log cannot be
/// opened), the connection keeps <c>FULL</c>. Checkpoints are off the turns too (<see cref="SqliteCheckpointer"/>).
/// </para>
/// </remarks>
public sealed class WriteGate(IOptions<StorageOptions> options) : IDisposable
{
    /// <summary>Log pages past which the writers' connection checkpoints itself, should <see cref="SqliteCheckpointer"/> fall behind (80 MB).</summary>
    public const int WriterCheckpointPages = 20_000;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly SemaphoreSlim _syncing = new(1, 1);
    private readonly bool _open = options.Value.IsPostgres;
    private SqliteConnection? _writer;

    // The writers' connection's write-ahead log (its -wal file), synced after each write turn; null: the connection is FULL.
    private SafeFileHandle? _log;

    // Write turns taken on the writers' connection, the last one ended (both counted under the turn), and the last one
    // whose commits are known to be on disk.
    private long _taken, _ended, _synced;

    /// <summary>Write turns ended on the writers' connection so far (the checkpointer looks for a change).</summary>
    public long WriterTurns => Interlocked.Read(ref _ended);

    /// <summary>The last write turn (<see cref="WriteTurn.Number"/>) whose commits, and every earlier turn's, are known to be on disk.</summary>
    public long DurableTurns => Interlocked.Read(ref _synced);

    /// <summary>Waits for this writer's turn; disposing the result ends it.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken ct)
    {
        if (_open) return default;
        await _turn.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return new Turn(_turn, Writer());
        }
        catch
        {
            _turn.Release();
            throw;
        }
    }

    /// <summary>
    /// Waits for this writer's turn and gives it the connection to write on: on SQLite the writers' shared one, on
    /// PostgreSQL the context's own, opened now and closed when the turn ends.
    /// </summary>
    public async ValueTask<WriteTurn> EnterAsync(DbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var turn = await EnterAsync(ct).ConfigureAwait(false);
        if (turn.Connection is { } shared) return new WriteTurn(turn, shared, null, this, ++_taken);
        try
        {
            await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            turn.Dispose();
            throw;
        }
        return new WriteTurn(turn, db.Database.GetDbConnection(), db, this, 0);
    }

    /// <summary>Opened at the first turn, under the turn, and kept open; a connection that broke is opened again.</summary>
    private SqliteConnection Writer()
    {
        if (_writer is { State: System.Data.ConnectionState.Open } writer) return writer;
        _writer?.Dispose();
        _writer = null;
        CloseLog();
        writer = new SqliteConnection(StorageServiceCollectionExtensions.SqliteConnectionString(options.Value));
        try
        {
            writer.Open();
            using var pragma = writer.CreateCommand();
            // A 16 MB page cache (SQLite's default is 2 MB) holds what the hot writes touch: the tables' and indexes' ends.
            // The checkpoints are the checkpointer's; this connection's own only past WriterCheckpointPages. (The
            // savepoints' journal stays in a temporary file: kept in memory, it added 200 MB to the peak RSS of a
            // 100,000-delivery backlog.)
            pragma.CommandText = $"""
                PRAGMA cache_size = -16000; PRAGMA wal_autocheckpoint = {WriterCheckpointPages};
                SELECT count(*) FROM sqlite_master;
                """;
            pragma.ExecuteNonQuery();
            pragma.CommandText = "PRAGMA journal_mode;";
            var log = writer.DataSource + "-wal";
            // The log exists once a connection has read the file in WAL mode (above); SQLite keeps it while this
            // connection is open, so the handle stays on the log it writes.
            if (pragma.ExecuteScalar() is "wal" && File.Exists(log))
            {
                _log = File.OpenHandle(log, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                pragma.CommandText = "PRAGMA synchronous = NORMAL;";
            }
            else
            {
                // Every commit durable by SQLite itself: the log (or journal) is synced at each.
                pragma.CommandText = "PRAGMA synchronous = FULL;";
            }
            pragma.ExecuteNonQuery();
        }
        catch
        {
            _log?.Dispose();
            _log = null;
            writer.Dispose();
            throw;
        }
        return _writer = writer;
    }

    /// <summary>
    /// Makes the commits of write turn <paramref name="number"/> and of every turn ended before it durable: one sync of
    /// the log at a time, which covers every turn that had ended when it began.
    /// </summary>
    private async ValueTask SyncAsync(long number)
    {
        if (Interlocked.Read(ref _synced) >= number) return;
        await _syncing.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_synced >= number) return;
            var upTo = Interlocked.Read(ref _ended);
            RandomAccess.FlushToDisk(_log!);
            Interlocked.Exchange(ref _synced, upTo);
        }
        finally
        {
            _syncing.Release();
        }
    }

    /// <summary>
    /// Under the turn, when the writers' connection is opened again: what the old log holds is synced before its handle
    /// goes (the new connection may come to write another file, should SQLite have removed this one meanwhile).
    /// </summary>
    private void CloseLog()
    {
        if (_log is null) return;
        _syncing.Wait();
        try
        {
            RandomAccess.FlushToDisk(_log);
            Interlocked.Exchange(ref _synced, Interlocked.Read(ref _ended));
        }
        finally
        {
            _log.Dispose();
            _log = null;
            _syncing.Release();
        }
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _log?.Dispose();
        _turn.Dispose();
        _syncing.Dispose();
    }

    public readonly struct Turn(SemaphoreSlim? turn, SqliteConnection? connection) : IDisposable
    {
        /// <summary>SQLite: the writers' shared connection, this turn's alone until it ends. PostgreSQL: null (use the context's own).</summary>
        public DbConnection? Connection => connection;

        public void Dispose() => turn?.Release();
    }

    /// <summary>A turn with its connection (<see cref="EnterAsync(DbContext, CancellationToken)"/>); disposing it closes what it opened, then ends the turn.</summary>
    /// <summary>
    /// A turn with its connection (<see cref="EnterAsync(DbContext, CancellationToken)"/>); disposing it closes what it
    /// opened, ends the turn, and then, on the writers' connection, returns only once what the turn committed is on disk.
    /// </summary>
    public readonly struct WriteTurn(Turn turn, DbConnection connection, DbContext? opened, WriteGate gate, long number) : IAsyncDisposable
    {
        public DbConnection Connection => connection;

        /// <summary>Its place among the write turns on the writers' connection (from 1); 0 on another connection.</summary>
        public long Number => number;

        public async ValueTask DisposeAsync()
        {
            var durable = false;
            try
            {
                if (opened is not null) await opened.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
            finally
            {
                if (number > 0)
                {
                    Interlocked.Exchange(ref gate._ended, number);
                    // FULL: the commit itself synced the log.
                    durable = gate._log is null;
                    if (durable) Interlocked.Exchange(ref gate._synced, number);
                }
                turn.Dispose();
            }
            // Committed, and on disk before the caller answers (a 202, an outcome recorded).
            if (number > 0 && !durable) await gate.SyncAsync(number).ConfigureAwait(false);
        }
    }
}
