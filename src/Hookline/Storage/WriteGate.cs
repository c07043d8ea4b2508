using System.Data.Common;
using Microsoft.Data.Sqlite;
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
/// writing keeps its cache, since its own writes do not invalidate it.
/// </remarks>
public sealed class WriteGate(IOptions<StorageOptions> options) : IDisposable
{
    /// <summary>Turns the intake may take in a row while others wait: the others are never held off for long.</summary>
    private const int IntakeTurnsInARow = 2;

    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _intake = new();
    private readonly Queue<TaskCompletionSource> _others = new();
    private readonly bool _open = options.Value.IsPostgres;
    private bool _taken;
    private int _intakeInARow;
    private SqliteConnection? _writer;

    /// <summary>
    /// Waits for this writer's turn; disposing the result ends it. The intake's writes go first (<paramref name="intake"/>),
    /// at most <see cref="IntakeTurnsInARow"/> in a row while others wait: a request's 202 waits for its write, while
    /// the recorder and the claim wait for nobody (their batches only grow meanwhile).
    /// </summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken ct, bool intake = false)
    {
        if (_open) return default;
        TaskCompletionSource? waiting = null;
        lock (_lock)
        {
            if (!_taken) _taken = true;
            else (intake ? _intake : _others).Enqueue(waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
        if (waiting is not null)
        {
            try
            {
                await waiting.Task.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Given up: if the turn came meanwhile, it is passed on; otherwise it never comes (Leave skips it).
                if (!waiting.TrySetCanceled() && waiting.Task.IsCompletedSuccessfully) Leave();
                throw;
            }
        }
        try
        {
            return new Turn(this, Writer());
        }
        catch
        {
            Leave();
            throw;
        }
    }

    /// <summary>Passes the turn to the next writer still waiting, the intake's first, or frees it.</summary>
    private void Leave()
    {
        lock (_lock)
        {
            while (true)
            {
                var intakeFirst = _intake.Count > 0 && (_intakeInARow < IntakeTurnsInARow || _others.Count == 0);
                var queue = intakeFirst ? _intake : _others.Count > 0 ? _others : null;
                if (queue is null)
                {
                    _taken = false;
                    return;
                }
                _intakeInARow = intakeFirst ? _intakeInARow + 1 : 0;
                if (queue.Dequeue().TrySetResult()) return;
            }
        }
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
            // The log is copied back by SqliteCheckpointer, in the background, not inside these writers' commits.
            pragma.CommandText = $"PRAGMA synchronous = FULL; PRAGMA cache_size = -16000; PRAGMA wal_autocheckpoint = {SqliteCheckpointer.WriterCheckpointPages};";
            pragma.ExecuteNonQuery();
        }
        catch
        {
            writer.Dispose();
            throw;
        }
        return _writer = writer;
    }

    public void Dispose() => _writer?.Dispose();

    public readonly struct Turn(WriteGate? gate, SqliteConnection? connection) : IDisposable
    {
        /// <summary>SQLite: the writers' shared connection, this turn's alone until it ends. PostgreSQL: null (use the context's own).</summary>
        public DbConnection? Connection => connection;

        public void Dispose() => gate?.Leave();
    }
}
