using System.Net;
using System.Net.Http.Json;
using Hookline.Storage;
using Hookline.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Hookline.Tests.Storage;

/// <summary>The SQLite write-ahead log: synced at every commit of the writers, checkpointed in the background.</summary>
public class SqliteLogTests
{
    [Fact]
    public async Task TheWritersConnection_SyncsTheLogAtEveryCommit_AndLeavesTheCheckpointsToTheBackground()
    {
        await using var app = await HooklineApp.StartAsync(Databases.Sqlite);
        var gate = app.Services.GetRequiredService<WriteGate>();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
        var before = gate.WriterTurns;
        await using (var turn = await gate.EnterAsync(db, CancellationToken.None))
        {
            // FULL (2): each commit fsyncs the log, so a 202 survives a power loss.
            Assert.Equal(2L, await ScalarAsync(turn.Connection, "PRAGMA synchronous"));
            Assert.Equal((long)WriteGate.WriterCheckpointPages, await ScalarAsync(turn.Connection, "PRAGMA wal_autocheckpoint"));
            Assert.Equal("wal", await ScalarAsync(turn.Connection, "PRAGMA journal_mode"));
        }
        Assert.True(gate.WriterTurns > before);
    }

    [Fact]
    public async Task TheLog_IsCopiedIntoTheDatabaseFile_InTheBackground_LongBeforeTheWritersOwnCheckpoint()
    {
        await using var app = await HooklineApp.StartAsync(Databases.Sqlite);
        var file = new SqliteConnectionStringBuilder(app.Settings["Hookline:Storage:ConnectionString"]).DataSource;
        var before = new FileInfo(file).Length;
        using var client = app.Client();
        // A few hundred pages of calls and events: far below the writers' own checkpoint (WriteGate.WriterCheckpointPages).
        for (var b = 0; b < 4; b++)
        {
            using var response = await client.PostAsJsonAsync("/api/v1/calls/events", Enumerable.Range(0, 500)
                .Select(i => new { type = "call.begin", callid = $"copied-{b}-{i}", tracking = "5550000000", ani = "7776734736", city = new string('x', 200) })
                .ToArray());
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (new FileInfo(file).Length < before + (256 * 4096) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(new FileInfo(file).Length >= before + (256 * 4096),
            $"the database file grew from {before} to {new FileInfo(file).Length} bytes: the log was not copied into it");

        // Copied to its end, the log starts over with the next commit (its header's checkpoint sequence moves on)
        // instead of growing for ever.
        var restarts = LogRestarts(file);
        deadline = DateTime.UtcNow.AddSeconds(20);
        for (var n = 0; LogRestarts(file) == restarts && DateTime.UtcNow < deadline; n++)
        {
            using var response = await client.PostAsJsonAsync("/api/v1/calls/events",
                new[] { new { type = "call.begin", callid = $"after-{n}", tracking = "5550000000", ani = "7776734736" } });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await Task.Delay(100);
        }
        Assert.True(LogRestarts(file) > restarts, "the log never started over");
    }

    /// <summary>The checkpoint sequence number in the log's header (bytes 12-15, big-endian): one more at each restart.</summary>
    private static uint LogRestarts(string file)
    {
        using var log = new FileStream(file + "-wal", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[16];
        log.ReadExactly(header);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(12));
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
