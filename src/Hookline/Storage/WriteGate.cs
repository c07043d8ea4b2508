using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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
/// writing keeps its cache, since its own writes do not invalidate it. Its checkpoints are the background's
/// (<see cref="SqliteCheckpointer"/>), not its commits'.
/// </remarks>
public sealed class WriteGate(IOptions<StorageOptions> options) : IDisposable
{
    /// <summary>Log pages past which the writers' connection checkpoints itself, should <see cref="SqliteCheckpointer"/> fall behind (80 MB).</summary>
    public const int WriterCheckpointPages = 20_000;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly bool _open = options.Value.IsPostgres;
    private SqliteConnection? _writer;
    private long _writerTurns;

    /// <summary>Write turns ended on the writers' connection so far (the checkpointer looks for a change).</summary>
    public long WriterTurns => Interlocked.Read(ref _writerTurns);

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
        if (turn.Connection is { } shared) return new WriteTurn(turn, shared, null, this);
        try
        {
            await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            turn.Dispose();
            throw;
        }
        return new WriteTurn(turn, db.Database.GetDbConnection(), db, null);
    }

    /// <summary>Opened at the first turn, under the turn, and kept open; a connection that broke is opened again.</summary>
    private SqliteConnection Writer()
    {
        if (_writer is { State: System.Data.ConnectionState.Open } writer) return writer;
        _writer?.Dispose();
        _writer = null;
        writer = new SqliteConnection(StorageServiceCollectionExtensions.SqliteConnectionString(options.Value));
        try
        {
            writer.Open();
            using var pragma = writer.CreateCommand();
            // Every commit on it is durable: the write-ahead log is fsync'd at each (WAL mode keeps the file's own setting).
            // A 16 MB page cache (SQLite's default is 2 MB) holds what the hot writes touch: the tables' and indexes' ends.
            // The checkpoints are the checkpointer's; this connection's own only past WriterCheckpointPages.
            pragma.CommandText = $"PRAGMA synchronous = FULL; PRAGMA cache_size = -16000; PRAGMA wal_autocheckpoint = {WriterCheckpointPages};";
            pragma.ExecuteNonQuery();
        }
        catch
        {
            writer.Dispose();
            throw;
        }
        return _writer = writer;
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _turn.Dispose();
    }

    public readonly struct Turn(SemaphoreSlim? turn, SqliteConnection? connection) : IDisposable
    {
        /// <summary>SQLite: the writers' shared connection, this turn's alone until it ends. PostgreSQL: null (use the context's own).</summary>
        public DbConnection? Connection => connection;

        public void Dispose() => turn?.Release();
    }

    /// <summary>A turn with its connection (<see cref="EnterAsync(DbContext, CancellationToken)"/>); disposing it closes what it opened, then ends the turn.</summary>
    public readonly struct WriteTurn(Turn turn, DbConnection connection, DbContext? opened, WriteGate? shared) : IAsyncDisposable
    {
        public DbConnection Connection => connection;

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (opened is not null) await opened.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
            finally
            {
                if (shared is not null) Interlocked.Increment(ref shared._writerTurns);
                turn.Dispose();
            }
        }
    }
}
