using System.Data.Common;
using Hookline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Deliveries;

/// <summary>
/// Claims due deliveries with a lease, in one statement. On PostgreSQL the rows are locked with
/// <c>FOR UPDATE SKIP LOCKED</c>, so several nodes sharing one database never claim the same row; SQLite has
/// one writer at a time, so the statement alone is enough. A lease that runs out (a crashed worker) makes the
/// delivery claimable again: that, and marking success only after the response, is what makes delivery
/// at-least-once.
/// </summary>
public sealed class DeliveryClaims(HooklineDbContext db, WriteGate gate)
{
    private const string Returning = """RETURNING "Id", "WebhookId", "ContentType", "Body", "Attempts", "WindowStart" """;

    // A delivery waits while an earlier one (lower Sequence) of the same call and webhook is still pending:
    // that keeps begin before end, even across retries.
    //
    // The earlier ones must be found by the call's index. Left to choose, both databases took the (WebhookId, Status,
    // CreatedAt) or (Status, NextAttemptAt) index instead, SQLite always and PostgreSQL until the table has statistics,
    // so that each candidate scanned every pending delivery of its webhook: a claim cost O(backlog²), 0.4 s at 1,760
    // pending on SQLite and 0.9 s at 2,900 on a fresh PostgreSQL table. Only the call is compared as a bare column here
    // (the others through || ''), so the call's index is the one that fits, on both, without an index hint.
    private const string InOrder = """
        NOT EXISTS (SELECT 1 FROM deliveries p WHERE p."CallKey" = c."CallKey" AND p."WebhookId" || '' = c."WebhookId"
                    AND p."Sequence" < c."Sequence" AND p."Status" || '' = 'pending')
        """;

    private const string Free = """("LeaseUntil" IS NULL OR "LeaseUntil" <= @now)""";

    private string Lock => db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";

    /// <summary>Up to <paramref name="limit"/> due deliveries of webhooks that are up, oldest due first, at most <paramref name="perWebhook"/> in flight per webhook.</summary>
    /// <remarks>
    /// Only the oldest few hundred due deliveries of webhooks with a free slot are ranked, not the whole backlog: a claim
    /// costs about the same at 10,000 pending as at 100. A webhook that fills the window takes its free slots and is
    /// left out of the next claim, so the others get theirs then.
    /// </remarks>
    public Task<List<ClaimedDelivery>> ClaimDueAsync(int limit, int perWebhook, DateTimeOffset now, DateTimeOffset leaseUntil, string node, CancellationToken ct) =>
        RunAsync(DueStatement, now, leaseUntil, node, ct, ("limit", limit), ("perWebhook", perWebhook), ("window", 4 * Math.Max(limit, perWebhook)));

    internal string DueStatement => $"""
            WITH busy AS (
              SELECT "WebhookId", COUNT(*) AS n FROM deliveries
              WHERE "Status" = 'pending' AND "LeaseUntil" > @now GROUP BY "WebhookId"),
            candidates AS (
              SELECT c."Id", c."WebhookId", c."NextAttemptAt", c."CreatedAt", COALESCE(b.n, 0) AS held
              FROM deliveries c
              JOIN webhooks w ON w."Id" = c."WebhookId"
              LEFT JOIN busy b ON b."WebhookId" = c."WebhookId"
              WHERE c."Status" = 'pending' AND c."NextAttemptAt" <= @now AND (c."LeaseUntil" IS NULL OR c."LeaseUntil" <= @now)
                AND NOT w."IsDown" AND COALESCE(b.n, 0) < @perWebhook AND {InOrder}
              ORDER BY c."NextAttemptAt", c."CreatedAt" LIMIT @window),
            ranked AS (
              SELECT "Id", "NextAttemptAt", "CreatedAt",
                     ROW_NUMBER() OVER (PARTITION BY "WebhookId" ORDER BY "NextAttemptAt", "CreatedAt") + held AS slot
              FROM candidates),
            picked AS (
              SELECT "Id" FROM ranked WHERE slot <= @perWebhook ORDER BY "NextAttemptAt", "CreatedAt" LIMIT @limit)
            UPDATE deliveries SET "LeaseUntil" = @lease, "LeasedBy" = @node
            WHERE "Id" IN ({Picked})
            {Returning}
            """;

    // PostgreSQL locks the picked rows, skipping those another node holds, and checks them again once locked. SQLite
    // runs the statement alone, so the picks stand as they are; checking them again there made it walk every pending
    // delivery by status instead of finding the picks by id.
    private string Picked => db.Database.IsNpgsql()
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
        var due = await db.Webhooks.Where(w => w.IsDown && w.NextProbeAt <= now).OrderBy(w => w.NextProbeAt).Select(w => w.Id).Take(100)
            .ToListAsync(ct).ConfigureAwait(false);
        var probes = new List<ClaimedDelivery>();
        foreach (var webhookId in due)
        {
            int taken;
            using (await gate.EnterAsync(ct).ConfigureAwait(false))
            {
                taken = await db.Webhooks.Where(w => w.Id == webhookId && w.IsDown && w.NextProbeAt <= now)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.NextProbeAt, leaseUntil), ct).ConfigureAwait(false);
            }
            if (taken == 0) continue;
            var claimed = await RunAsync($"""
                UPDATE deliveries SET "LeaseUntil" = @lease, "LeasedBy" = @node
                WHERE "Id" IN (SELECT c."Id" FROM deliveries c
                               WHERE c."WebhookId" = @webhook AND c."Status" = 'pending' AND {Free} AND {InOrder}
                               ORDER BY c."CreatedAt" LIMIT 1 {Lock})
                {Returning}
                """, now, leaseUntil, node, ct, ("webhook", webhookId)).ConfigureAwait(false);
            probes.AddRange(claimed.Select(c => c with { Probe = true }));
        }
        return probes;
    }

    /// <summary>Gives back what this node still holds (shutdown), so another node or the next start takes it at once.</summary>
    public async Task<int> ReleaseAsync(string node, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(ct).ConfigureAwait(false);
        return await db.Deliveries.Where(d => d.LeasedBy == node && d.Status == DeliveryStatus.Pending && ids.Contains(d.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null).SetProperty(d => d.LeasedBy, (string?)null), ct)
            .ConfigureAwait(false);
    }

    private async Task<List<ClaimedDelivery>> RunAsync(
        string sql, DateTimeOffset now, DateTimeOffset leaseUntil, string node, CancellationToken ct, params (string Name, object Value)[] extra)
    {
        using var turn = await gate.EnterAsync(ct).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Add(command, "now", now.ToUnixTimeMilliseconds());
            Add(command, "lease", leaseUntil.ToUnixTimeMilliseconds());
            Add(command, "node", node);
            foreach (var (name, value) in extra) Add(command, name, value);
            var claimed = new List<ClaimedDelivery>();
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                claimed.Add(new ClaimedDelivery(reader.GetString(0), reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3),
                    reader.GetInt32(4), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), Probe: false));
            }
            return claimed;
        }
        finally
        {
            if (opened) await connection.CloseAsync().ConfigureAwait(false);
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
