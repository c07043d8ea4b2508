namespace Hookline.Calls;

/// <summary>
/// Intake requests on this node that touch the same calls take turns, in the order they came: the later one reads those
/// calls only once the earlier one has committed (or failed). Without turns both read the call as it was, and the later
/// one lost at its write and planned its whole batch again; with begins and ends of the same calls in concurrent
/// batches, that was most batches. Other nodes' requests still meet at the write, and retry (CallIntake).
/// </summary>
/// <remarks>A request waits only for requests that entered before it, so no two wait for each other.</remarks>
public sealed class CallTurns
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Task> _last = new(StringComparer.Ordinal);

    /// <summary>Waits for the earlier requests that touch any of <paramref name="keys"/>; the turn ends when disposed.</summary>
    public async Task<Turn> EnterAsync(IReadOnlyList<string> keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var turn = new Turn(this, keys);
        HashSet<Task>? earlier = null;
        lock (_lock)
        {
            foreach (var key in keys)
            {
                if (_last.TryGetValue(key, out var before) && !before.IsCompleted) (earlier ??= []).Add(before);
                _last[key] = turn.Done;
            }
        }
        if (earlier is null) return turn;
        try
        {
            // The earlier turns never fault: they end when their request has committed or given up.
            await Task.WhenAll(earlier).WaitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            turn.Dispose();
            throw;
        }
        return turn;
    }

    private void Leave(Turn turn)
    {
        lock (_lock)
        {
            foreach (var key in turn.Keys)
            {
                if (_last.TryGetValue(key, out var last) && last == turn.Done) _last.Remove(key);
            }
        }
        turn.Finish();
    }

    public sealed class Turn(CallTurns turns, IReadOnlyList<string> keys) : IDisposable
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal IReadOnlyList<string> Keys => keys;
        internal Task Done => _done.Task;

        internal void Finish() => _done.TrySetResult();

        public void Dispose()
        {
            if (!_done.Task.IsCompleted) turns.Leave(this);
        }
    }
}
