using System.Data;
using System.Data.Common;
using System.Globalization;
using Hookline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Deliveries;

/// <summary>
/// Every change of a delivery's state, and all of the delivery SQL: claim, record, release, retry and recover (and
/// the intake's leased insert, <see cref="Calls.IntakeWriter"/>). The hot statements are prepared ADO.NET commands in
/// one transaction per batch; EF Core's change tracking costs more than the work on these paths.
/// </summary>
/// <remarks>
/// A leased delivery's <c>NextAttemptAt</c> is its lease's end: the claim then needs only "pending and due", walks
/// the (Status, NextAttemptAt, CreatedAt) index in order and stops at its limit, whatever the backlog, and a lease
/// that runs out (a crashed node) makes its delivery due by itself.
/// </remarks>
public sealed class DeliveryStore(HooklineDbContext db, WriteGate gate)
{
    private const string Returning = """RETURNING "Id", "WebhookId", "ContentType", "Body", "Attempts", "WindowStart", "CreatedAt", "Url" """;

    // The one rule of per-call order, which the in-memory hand-off follows too (DeliveryDispatcher): a delivery waits
    // while an earlier one (lower Sequence) of the same call and webhook is still pending. That keeps begin before end,
    // even across retries.
    //
    // The earlier ones must be found by the call's index. Left to choose, both databases took the (WebhookId, Status,
    // CreatedAt) or (Status, NextAttemptAt) index instead, SQLite always and PostgreSQL until the table has statistics,
    // so that each candidate scanned every pending delivery of its webhook: a claim cost O(backlog²). Only the call is
    // compared as a bare column here (the others through || ''), so the call's index is the one that fits.
    //
    // It is a scalar subquery, not NOT EXISTS: PostgreSQL turned NOT EXISTS into an anti-join that sorted every pending
    // delivery (330 ms a claim at 100,000 pending); a scalar subquery stays a probe of the call's index per candidate.
    private const string InOrder = """
        COALESCE((SELECT 1 FROM deliveries p WHERE p."CallKey" = c."CallKey" AND p."WebhookId" || '' = c."WebhookId"
                  AND p."Sequence" < c."Sequence" AND p."Status" || '' = 'pending' LIMIT 1), 0) = 0
        """;

    private const string Free = """("LeaseUntil" IS NULL OR "LeaseUntil" <= @now)""";

    private bool IsPostgres => db.Database.IsNpgsql();

    private string Lock => IsPostgres ? "FOR UPDATE SKIP LOCKED" : "";

    /// <summary>
    /// Up to <paramref name="limit"/> due deliveries of webhooks that are up, oldest due first: first up to
    /// <paramref name="perWebhook"/> of each webhook, then, if the limit leaves room, the oldest of the rest.
    /// </summary>
    public Task<List<ClaimedDelivery>> ClaimDueAsync(int limit, int perWebhook, DateTimeOffset now, DateTimeOffset leaseUntil, string node, CancellationToken ct) =>
        ClaimAsync(DueStatement, now, leaseUntil, node, ct, ("limit", limit), ("perWebhook", perWebhook), ("window", 4 * Math.Max(limit, perWebhook)));

    /// <remarks>
    /// Only a window of the oldest due deliveries of webhooks that are up is looked at, found in index order, and the
    /// order rule is checked for those alone: a claim costs the same at 100,000 pending as at 100. The window is
    /// materialized first, and down webhooks left out by a subquery rather than a join, because PostgreSQL, planning
    /// the whole statement at once, otherwise joined or checked every pending delivery before ordering them: 37
    /// deliveries a second in a 100,000 backlog. Each webhook in the window has its share before any takes more, and
    /// a webhook that fills the window takes its share and the others get theirs in the next claim; the room a claim
    /// has beyond the shares goes to the oldest of the rest, so that one webhook's backlog (a drain) goes out at a
    /// full claim per statement rather than at its share.
    /// </remarks>
    internal string DueStatement => $"""
            WITH due AS MATERIALIZED (
              SELECT c."Id", c."WebhookId", c."CallKey", c."Sequence", c."LeaseUntil", c."NextAttemptAt", c."CreatedAt"
              FROM deliveries c
              WHERE c."Status" = 'pending' AND c."NextAttemptAt" <= @now
                AND c."WebhookId" NOT IN (SELECT h."WebhookId" FROM webhook_health h WHERE h."IsDown")
              ORDER BY c."NextAttemptAt", c."CreatedAt" LIMIT @window),
            candidates AS (
              SELECT c."Id", c."WebhookId", c."NextAttemptAt", c."CreatedAt"
              FROM due c
              WHERE (c."LeaseUntil" IS NULL OR c."LeaseUntil" <= @now) AND {InOrder}),
            ranked AS (
              SELECT "Id", "NextAttemptAt", "CreatedAt",
                     ROW_NUMBER() OVER (PARTITION BY "WebhookId" ORDER BY "NextAttemptAt", "CreatedAt") AS slot
              FROM candidates),
            picked AS (
              SELECT "Id" FROM ranked ORDER BY slot > @perWebhook, "NextAttemptAt", "CreatedAt" LIMIT @limit)
            UPDATE deliveries SET "LeaseUntil" = @lease, "LeasedBy" = @node, "NextAttemptAt" = @lease
            WHERE "Id" IN ({Picked})
            {Returning}
            """;

    // PostgreSQL locks the picked rows, skipping those another node holds, and checks them again once locked. SQLite
    // runs the statement alone, so the picks stand as they are.
    private string Picked => IsPostgres
        ? $"""
          SELECT d."Id" FROM deliveries d WHERE d."Id" IN (SELECT "Id" FROM picked) AND d."Status" = 'pending' AND {Free} {Lock}
          """
        : """SELECT "Id" FROM picked""";

    /// <summary>
    /// For each webhook that is down and due a probe: takes the probe (moving its next probe to the lease's end, so no
    /// other node probes too) and claims its oldest pending delivery as the probe.
    /// </summary>
    public async Task<List<ClaimedDelivery>> ClaimProbesAsync(DateTimeOffset now, DateTimeOffset leaseUntil, string node, CancellationToken ct)
    {
        var due = await db.WebhookHealth.Where(h => h.IsDown && h.NextProbeAt <= now).OrderBy(h => h.NextProbeAt).Select(h => h.WebhookId).Take(100)
            .ToListAsync(ct);
        var probes = new List<ClaimedDelivery>();
        foreach (var webhookId in due)
        {
            int taken;
            using (await gate.EnterAsync(ct))
            {
                taken = await db.WebhookHealth.Where(h => h.WebhookId == webhookId && h.IsDown && h.NextProbeAt <= now)
                    .ExecuteUpdateAsync(s => s.SetProperty(h => h.NextProbeAt, leaseUntil), ct);
            }
            if (taken == 0) continue;
            var claimed = await ClaimAsync($"""
                UPDATE deliveries SET "LeaseUntil" = @lease, "LeasedBy" = @node, "NextAttemptAt" = @lease
                WHERE "Id" IN (SELECT c."Id" FROM deliveries c
                               WHERE c."WebhookId" = @webhook AND c."Status" = 'pending' AND c."WindowStart" <= @now AND {Free} AND {InOrder}
                               ORDER BY c."CreatedAt" LIMIT 1 {Lock})
                {Returning}
                """, now, leaseUntil, node, ct, ("webhook", webhookId));
            probes.AddRange(claimed.Select(c => c with { Probe = true }));
        }
        return probes;
    }

    /// <summary>
    /// Records a batch in one transaction: each attempt in the log, each delivery's next state (delivered, retry at,
    /// failed), each webhook's health, and the leases given back without an attempt. Only the lease's holder moves a
    /// delivery on: a late result of a lease that moved on (it ran out and another node took it, or a manual retry
    /// reset it) is logged as an attempt and changes nothing else.
    /// </summary>
    public async Task<HealthChanges> RecordAsync(
        IReadOnlyList<DeliveryOutcome> outcomes, IReadOnlyList<string> released, string node, DeliveryTransitions transitions, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(released);
        ArgumentNullException.ThrowIfNull(transitions);
        await using var turn = await gate.EnterAsync(db, ct);
        var connection = turn.Connection;
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var ours = outcomes.Count == 0 ? [] : await HeldAsync(connection, transaction, outcomes.Select(o => o.Delivery.Id).ToList(), node, ct);
        var health = await HealthAsync(connection, transaction, outcomes.Select(o => o.Delivery.WebhookId).Distinct().ToList(), ct);

        await using (var writes = new StatementBatch(connection, transaction))
        {
            var update = writes.Statement("""
                UPDATE deliveries SET "Attempts" = "Attempts" + 1,
                  "Status" = CASE WHEN "LeasedBy" = @node THEN @status ELSE "Status" END,
                  "NextAttemptAt" = CASE WHEN "LeasedBy" = @node THEN COALESCE(@next, "NextAttemptAt") ELSE "NextAttemptAt" END,
                  "DeliveredAt" = CASE WHEN "LeasedBy" = @node THEN COALESCE(@deliveredAt, "DeliveredAt") ELSE "DeliveredAt" END,
                  "LastError" = CASE WHEN "LeasedBy" = @node THEN @error ELSE "LastError" END,
                  "LeaseUntil" = CASE WHEN "LeasedBy" = @node THEN NULL ELSE "LeaseUntil" END,
                  "LeasedBy" = CASE WHEN "LeasedBy" = @node THEN NULL ELSE "LeasedBy" END
                WHERE "Id" = @id
                """, "node", "status", "next", "deliveredAt", "error", "id");
            var attempt = writes.Statement("""
                INSERT INTO delivery_attempts ("DeliveryId", "At", "StatusCode", "DurationMs", "Error", "ResponseExcerpt")
                SELECT @id, @at, @status, @duration, @error, @excerpt WHERE EXISTS (SELECT 1 FROM deliveries WHERE "Id" = @id)
                """, "id", "at", "status", "duration", "error", "excerpt");
            foreach (var (claimed, result, _, retries) in outcomes)
            {
                var next = transitions.After(claimed, result, now, retries);
                await writes.RunAsync(update, ct, node, next.Status, Millis(next.NextAttemptAt), Millis(next.DeliveredAt), Text(next.LastError), claimed.Id);
                await writes.RunAsync(attempt, ct, claimed.Id, Millis(result.StartedAt), result.StatusCode ?? (object)StatementBatch.NullInt,
                    (int)Math.Min(int.MaxValue, result.Duration.TotalMilliseconds), Text(DeliveryTransitions.StorableText(result.Error)),
                    Text(DeliveryTransitions.StorableText(result.ResponseExcerpt)));
                if (ours.Contains(claimed.Id) && health.TryGetValue(claimed.WebhookId, out var webhook)) transitions.Apply(webhook, result, now);
            }

            var release = writes.Statement("""
                UPDATE deliveries SET "LeaseUntil" = NULL, "LeasedBy" = NULL, "NextAttemptAt" = @now
                WHERE "Id" = @id AND "LeasedBy" = @node AND "Status" = 'pending'
                """, "now", "id", "node");
            foreach (var id in released) await writes.RunAsync(release, ct, Millis(now), id, node);

            // Unless the webhook was deleted meanwhile (its health goes with it).
            var saveHealth = writes.Statement("""
                INSERT INTO webhook_health ("WebhookId", "IsDown", "ConsecutiveFailures", "LastSuccessAt", "LastFailureAt", "NextProbeAt")
                SELECT @id, @down, @failures, @success, @failure, @probe WHERE EXISTS (SELECT 1 FROM webhooks WHERE "Id" = @id)
                ON CONFLICT ("WebhookId") DO UPDATE SET "IsDown" = excluded."IsDown", "ConsecutiveFailures" = excluded."ConsecutiveFailures",
                  "LastSuccessAt" = excluded."LastSuccessAt", "LastFailureAt" = excluded."LastFailureAt", "NextProbeAt" = excluded."NextProbeAt"
                """, "id", "down", "failures", "success", "failure", "probe");
            foreach (var h in health.Values.Where(h => h.Changed))
                await writes.RunAsync(saveHealth, ct, h.WebhookId, h.IsDown, h.ConsecutiveFailures, Millis(h.LastSuccessAt), Millis(h.LastFailureAt), Millis(h.NextProbeAt));

            // Back up: the backlog is due now, and the claim order (due time, then creation) sends it oldest first. An end
            // waiting for late data (its window starts at its deadline) keeps waiting; it is no probe either.
            var due = writes.Statement("""
                UPDATE deliveries SET "NextAttemptAt" = @now WHERE "WebhookId" = @webhook AND "Status" = 'pending' AND "LeaseUntil" IS NULL
                  AND "WindowStart" <= @now
                """, "now", "webhook");
            foreach (var h in health.Values.Where(h => h.Recovered)) await writes.RunAsync(due, ct, Millis(now), h.WebhookId);
            await writes.FlushAsync(ct);
        }
        // One transaction, so no claim sees a webhook back up before its backlog is lined up.
        await transaction.CommitAsync(ct);
        return new HealthChanges([.. health.Values.Where(h => h.Changed && h.IsDown).Select(h => h.WebhookId)],
            [.. health.Values.Where(h => h.Changed && !h.IsDown).Select(h => h.WebhookId)]);
    }

    /// <summary>
    /// Extends the leases this node still holds on deliveries it keeps in memory unsent (queued behind a throttle, a busy
    /// webhook or an earlier delivery of their call), so that they are neither given back and claimed again nor taken by
    /// another node while they wait. Returns the ids renewed: one whose lease ran out or moved on (a manual retry, an
    /// outcome recorded) is not.
    /// </summary>
    public async Task<List<string>> RenewAsync(string node, List<string> ids, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var renewed = new List<string>(ids.Count);
        if (ids.Count == 0) return renewed;
        await using var turn = await gate.EnterAsync(db, ct);
        var connection = turn.Connection;
        await using var command = connection.CreateCommand();
        // The lease's end is also when the delivery is due again, should this node die meanwhile (see the remarks above).
        command.CommandText = $"""
            UPDATE deliveries SET "LeaseUntil" = @lease, "NextAttemptAt" = @lease
            WHERE "LeasedBy" = @node AND "Status" = 'pending' AND "LeaseUntil" > @now AND "Id" {InList("ids")}
            RETURNING "Id"
            """;
        StatementBatch.Add(command, "lease", Millis(leaseUntil));
        StatementBatch.Add(command, "node", node);
        StatementBatch.Add(command, "now", Millis(now));
        AddList(command, "ids", ids);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) renewed.Add(reader.GetString(0));
        return renewed;
    }

    /// <summary>Gives back leases this node still holds (shutdown, or deliveries it will not send), so they are claimed at once.</summary>
    public async Task<int> ReleaseAsync(string node, IReadOnlyCollection<string> ids, DateTimeOffset now, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(ct);
        return await db.Deliveries.Where(d => d.LeasedBy == node && d.Status == DeliveryStatus.Pending && ids.Contains(d.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null).SetProperty(d => d.LeasedBy, (string?)null)
                .SetProperty(d => d.NextAttemptAt, now), ct);
    }

    /// <summary>
    /// A manual retry: pending and due now, whatever its status, with a fresh retry window. The lease is cleared, so an
    /// attempt still in flight then only logs its result: the retry asked for here still happens.
    /// </summary>
    public static void Retry(Delivery delivery, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        delivery.Status = DeliveryStatus.Pending;
        delivery.NextAttemptAt = now;
        delivery.WindowStart = now;
        delivery.LeaseUntil = null;
        delivery.LeasedBy = null;
    }

    /// <summary>Queues again the webhook's failed deliveries created since <paramref name="since"/>, each with a fresh window.</summary>
    public Task<int> RecoverAsync(string webhookId, DateTimeOffset since, DateTimeOffset now, CancellationToken ct) =>
        db.Deliveries.Where(d => d.WebhookId == webhookId && d.Status == DeliveryStatus.Failed && d.CreatedAt >= since)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Pending).SetProperty(d => d.NextAttemptAt, now)
                .SetProperty(d => d.WindowStart, now), ct);

    private async Task<HashSet<string>> HeldAsync(DbConnection connection, DbTransaction transaction, List<string> ids, string node, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""SELECT "Id" FROM deliveries WHERE "LeasedBy" = @node AND "Id" {InList("ids")}""";
        StatementBatch.Add(command, "node", node);
        AddList(command, "ids", ids);
        var held = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) held.Add(reader.GetString(0));
        return held;
    }

    /// <summary>
    /// <c>IN</c> a list given as one parameter: a JSON array on SQLite, an array on PostgreSQL. A parameter per item
    /// costs SQLite a walk of the statement's parameter names per item bound (quadratic in a batch of 500), and a new
    /// statement text, so a new plan, for every length.
    /// </summary>
    private string InList(string name) => IsPostgres ? $"= ANY(@{name})" : $"IN (SELECT value FROM json_each(@{name}))";

    private void AddList(DbCommand command, string name, List<string> items) =>
        StatementBatch.Add(command, name, IsPostgres ? items.ToArray() : System.Text.Json.JsonSerializer.Serialize(items, StringListJson.Default.ListString));

    private async Task<Dictionary<string, WebhookHealth>> HealthAsync(DbConnection connection, DbTransaction transaction, List<string> ids, CancellationToken ct)
    {
        var health = new Dictionary<string, WebhookHealth>(StringComparer.Ordinal);
        if (ids.Count == 0) return health;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            SELECT "WebhookId", "IsDown", "ConsecutiveFailures", "LastSuccessAt", "LastFailureAt", "NextProbeAt" FROM webhook_health
            WHERE "WebhookId" {InList("ids")}
            """;
        AddList(command, "ids", ids);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                health[reader.GetString(0)] = new WebhookHealth
                {
                    WebhookId = reader.GetString(0), IsDown = reader.GetBoolean(1), ConsecutiveFailures = reader.GetInt32(2),
                    LastSuccessAt = Time(reader, 3), LastFailureAt = Time(reader, 4), NextProbeAt = Time(reader, 5),
                };
            }
        }
        // No row yet: up, with no failures.
        foreach (var id in ids) health.TryAdd(id, new WebhookHealth { WebhookId = id });
        return health;
    }

    private async Task<List<ClaimedDelivery>> ClaimAsync(
        string sql, DateTimeOffset now, DateTimeOffset leaseUntil, string node, CancellationToken ct, params (string Name, object Value)[] extra)
    {
        await using var turn = await gate.EnterAsync(db, ct);
        var connection = turn.Connection;
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        StatementBatch.Add(command, "now", now.ToUnixTimeMilliseconds());
        StatementBatch.Add(command, "lease", leaseUntil.ToUnixTimeMilliseconds());
        StatementBatch.Add(command, "node", node);
        foreach (var (name, value) in extra) StatementBatch.Add(command, name, value);
        var claimed = new List<(long CreatedAt, ClaimedDelivery Delivery)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add((reader.GetInt64(6), new ClaimedDelivery(reader.GetString(0), reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3),
                reader.GetInt32(4), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), Probe: false, leaseUntil,
                Url: reader.IsDBNull(7) ? null : reader.GetString(7))));
        }
        // RETURNING gives no order: oldest first, as they are sent.
        return [.. claimed.OrderBy(c => c.CreatedAt).ThenBy(c => c.Delivery.Id, StringComparer.Ordinal).Select(c => c.Delivery)];
    }


    internal static object Millis(DateTimeOffset? time) => time is { } t ? t.ToUnixTimeMilliseconds() : StatementBatch.NullLong;

    internal static object Text(string? text) => text ?? (object)StatementBatch.NullText;

    private static DateTimeOffset? Time(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(i));
}

[System.Text.Json.Serialization.JsonSerializable(typeof(List<string>))]
internal sealed partial class StringListJson : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>Webhooks that went down, and came back up, in a recorded batch.</summary>
public sealed record HealthChanges(IReadOnlyList<string> Down, IReadOnlyList<string> Up);
