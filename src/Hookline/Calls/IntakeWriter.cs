using System.Data.Common;
using System.Threading.Channels;
using Hookline.Deliveries;
using Hookline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hookline.Calls;

/// <summary>What one intake request writes: its new and changed calls, its events and the deliveries they cause.</summary>
public sealed class IntakeWrite
{
    public List<PhoneCall> NewCalls { get; } = [];

    /// <summary>Changed calls, with the version they were read at: the update applies only if no one changed them since.</summary>
    public List<(PhoneCall Call, int ReadVersion)> ChangedCalls { get; } = [];
    public List<CallEvent> Events { get; } = [];
    public List<Delivery> Deliveries { get; } = [];

    /// <summary>The calls a webhook's condition skipped, for its skip log.</summary>
    public List<Webhooks.SkippedCall> Skips { get; } = [];

    /// <summary>Unsent end deliveries rendered again with a call's update.</summary>
    public List<RenderedAgain> RenderedAgain { get; } = [];

    internal TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal int Rows => NewCalls.Count + ChangedCalls.Count + Events.Count + Deliveries.Count + Skips.Count + RenderedAgain.Count;
}

/// <summary>
/// Group commit: the intake requests that arrive while a transaction is being written share the next one, and so one
/// fsync. Each request has its own savepoint in it, so one that lost a race (a call another request changed first,
/// an event stored meanwhile) is rolled back alone and tried again by its caller on fresh state, while the others
/// commit. On SQLite the commit is durable (synchronous=FULL in WAL mode: the WAL is fsync'd at every commit, so a
/// 202 survives power loss, not only a crash of the process); on PostgreSQL, synchronous_commit as configured.
/// </summary>
public sealed class IntakeWriter(IServiceScopeFactory scopes, WriteGate gate, IOptions<DeliveryOptions> options) : IDisposable
{
    private readonly Channel<IntakeWrite> _queue = Channel.CreateUnbounded<IntakeWrite>(new UnboundedChannelOptions { SingleReader = true });
    private int _started;

    /// <summary>This node's intake requests take turns by call before they read (see <see cref="CallTurns"/>).</summary>
    public CallTurns Turns { get; } = new();

    /// <summary>Returns once the write has committed; throws <see cref="DbUpdateConcurrencyException"/> when it lost a race.</summary>
    public async Task WriteAsync(IntakeWrite write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (Interlocked.Exchange(ref _started, 1) == 0) _ = Task.Run(RunAsync, CancellationToken.None);
        await _queue.Writer.WriteAsync(write, ct).ConfigureAwait(false);
        // Not cancelled once queued: the caller must learn whether it committed.
        await write.Written.Task.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var group = new List<IntakeWrite>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var rows = 0;
            while (rows < options.Value.IntakeGroupMaxRows && _queue.Reader.TryRead(out var write))
            {
                group.Add(write);
                rows += write.Rows;
            }
            try
            {
                var lost = await WriteGroupAsync(group).ConfigureAwait(false);
                foreach (var write in group)
                {
                    if (lost.TryGetValue(write, out var e)) write.Written.TrySetException(new DbUpdateConcurrencyException(e.Message, e));
                    else write.Written.TrySetResult();
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                foreach (var write in group) write.Written.TrySetException(e);
            }
            group.Clear();
        }
    }

    private async Task<Dictionary<IntakeWrite, Exception>> WriteGroupAsync(List<IntakeWrite> group)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
        var lost = new Dictionary<IntakeWrite, Exception>();
        // SQLite: the writers' connection, synchronous = FULL (WriteGate).
        await using var turn = await gate.EnterAsync(db, CancellationToken.None).ConfigureAwait(false);
        var connection = turn.Connection;
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var i = 0;
        foreach (var write in group)
        {
            var savepoint = "w" + i++.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await transaction.SaveAsync(savepoint).ConfigureAwait(false);
            try
            {
                await WriteOneAsync(connection, transaction, write).ConfigureAwait(false);
                await transaction.ReleaseAsync(savepoint).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DbException or NoRowChangedException)
            {
                await transaction.RollbackAsync(savepoint).ConfigureAwait(false);
                lost[write] = e;
            }
        }
        // The one fsync of the group: every request's 202 waits for it.
        await transaction.CommitAsync().ConfigureAwait(false);
        return lost;
    }

    private static async Task WriteOneAsync(DbConnection connection, DbTransaction transaction, IntakeWrite write)
    {
        var ct = CancellationToken.None;
        await using var rows = new StatementBatch(connection, transaction);
        if (write.NewCalls.Count > 0)
        {
            var insert = rows.Statement("""
                INSERT INTO calls ("Key", "CallId", "Tracking", "GroupId", "LocationId", "CampaignId", "Values", "Prompts", "Begun", "Ended",
                                   "HeldEndUntil", "CreatedAt", "UpdatedAt", "Version", "Updates")
                VALUES (@key, @callId, @tracking, @group, @location, @campaign, @values, @prompts, @begun, @ended, @held, @created, @updated, @version, @updates)
                """, "key", "callId", "tracking", "group", "location", "campaign", "values", "prompts", "begun", "ended", "held", "created", "updated", "version",
                "updates");
            foreach (var c in write.NewCalls)
            {
                await rows.RunAsync(insert, ct, c.Key, c.CallId, Text(c.Tracking), Text(c.GroupId), Text(c.LocationId), Text(c.CampaignId),
                    JsonColumn.Serialize(c.Values), JsonColumn.Serialize(c.Prompts), c.Begun, c.Ended, DeliveryStore.Millis(c.HeldEndUntil),
                    c.CreatedAt.ToUnixTimeMilliseconds(), c.UpdatedAt.ToUnixTimeMilliseconds(), c.Version, JsonColumn.Serialize(c.Updates));
            }
        }
        if (write.ChangedCalls.Count > 0)
        {
            var update = rows.Statement("""
                UPDATE calls SET "Tracking" = @tracking, "GroupId" = @group, "LocationId" = @location, "CampaignId" = @campaign, "Values" = @values,
                  "Prompts" = @prompts, "Begun" = @begun, "Ended" = @ended, "HeldEndUntil" = @held, "UpdatedAt" = @updated, "Version" = @version,
                  "Updates" = @updates
                WHERE "Key" = @key AND "Version" = @read
                """, "tracking", "group", "location", "campaign", "values", "prompts", "begun", "ended", "held", "updated", "version", "key", "read",
                "updates");
            foreach (var (c, read) in write.ChangedCalls)
            {
                await rows.RunCheckedAsync(update, ct, Text(c.Tracking), Text(c.GroupId), Text(c.LocationId), Text(c.CampaignId),
                    JsonColumn.Serialize(c.Values), JsonColumn.Serialize(c.Prompts), c.Begun, c.Ended, DeliveryStore.Millis(c.HeldEndUntil),
                    c.UpdatedAt.ToUnixTimeMilliseconds(), c.Version, c.Key, read, JsonColumn.Serialize(c.Updates));
            }
        }
        if (write.Events.Count > 0)
        {
            var insert = rows.Statement("""
                INSERT INTO call_events ("CallKey", "Type", "Key", "Payload", "ReceivedAt") VALUES (@call, @type, @key, @payload, @received)
                """, "call", "type", "key", "payload", "received");
            foreach (var e in write.Events) await rows.RunAsync(insert, ct, e.CallKey, e.Type, e.Key, e.Payload, e.ReceivedAt.ToUnixTimeMilliseconds());
        }
        if (write.Deliveries.Count > 0)
        {
            var insert = rows.Statement("""
                INSERT INTO deliveries ("Id", "GroupId", "WebhookId", "CallId", "CallKey", "At", "Sequence", "Trigger", "ContentType", "Body", "Status",
                                        "Attempts", "CreatedAt", "WindowStart", "NextAttemptAt", "LeaseUntil", "LeasedBy", "Url")
                VALUES (@id, @group, @webhook, @callId, @callKey, @at, @sequence, @trigger, @contentType, @body, @status, 0, @created, @window, @next, @lease, @node, @url)
                """, "id", "group", "webhook", "callId", "callKey", "at", "sequence", "trigger", "contentType", "body", "status", "created", "window", "next",
                "lease", "node", "url");
            foreach (var d in write.Deliveries)
            {
                await rows.RunAsync(insert, ct, d.Id, d.GroupId, d.WebhookId, d.CallId, d.CallKey, d.At, d.Sequence, d.Trigger, d.ContentType, d.Body,
                    d.Status, d.CreatedAt.ToUnixTimeMilliseconds(), d.WindowStart.ToUnixTimeMilliseconds(), d.NextAttemptAt.ToUnixTimeMilliseconds(),
                    DeliveryStore.Millis(d.LeaseUntil), Text(d.LeasedBy), Text(d.Url));
            }
        }
        await Webhooks.SkippedCalls.WriteAsync(rows, write.Skips, ct);
        await LateData.WriteAsync(rows, write.RenderedAgain, ct);
        await rows.FlushAsync(ct);
    }

    private static object Text(string? value) => DeliveryStore.Text(value);

    public void Dispose() => _queue.Writer.TryComplete();
}
