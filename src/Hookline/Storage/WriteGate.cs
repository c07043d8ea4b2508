using Microsoft.Extensions.Options;

namespace Hookline.Storage;

/// <summary>
/// Turns for the busy writers of one node: call intake, and the dispatcher's claims and recorder. SQLite lets one
/// writer in at a time, and Microsoft.Data.Sqlite answers a locked database by sleeping 150 ms before it tries
/// again, so two writers that met cost the second 150 ms however short the first one's transaction; measured, that
/// held delivery to under 100 a second. Here the next writer goes in as soon as the last one commits. PostgreSQL
/// locks rows, not the database: there everyone goes in at once.
/// </summary>
public sealed class WriteGate(IOptions<StorageOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly bool _open = options.Value.IsPostgres;

    /// <summary>Waits for this writer's turn; disposing the result ends it.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken ct)
    {
        if (_open) return default;
        await _turn.WaitAsync(ct).ConfigureAwait(false);
        return new Turn(_turn);
    }

    public void Dispose() => _turn.Dispose();

    public readonly struct Turn(SemaphoreSlim? turn) : IDisposable
    {
        public void Dispose() => turn?.Release();
    }
}
