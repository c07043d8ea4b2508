using System.Net;
using System.Net.Http.Json;
using Hookline.Storage;
using Hookline.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hookline.Tests.Storage;

/// <summary>The SQLite write-ahead log: synced after each write turn, outside it, and checkpointed in the background.</summary>
public class SqliteLogTests
{
    [Fact]
    public async Task EachWriteTurn_OnTheWritersConnection_IsOnDisk_BeforeItsDisposeReturns()
    {
        await using var app = await HooklineApp.StartAsync(Databases.Sqlite);
        var gate = app.Services.GetRequiredService<WriteGate>();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
        for (var i = 1; i <= 5; i++)
        {
            long number;
            await using (var turn = await gate.EnterAsync(db, CancellationToken.None))
            {
                number = turn.Number;
                Assert.True(number > 0);
                // The connection leaves the sync to the gate (NORMAL = 1), and this turn writes: a commit to sync.
                Assert.Equal(1L, await ScalarAsync(turn.Connection, "PRAGMA synchronous"));
                await ScalarAsync(turn.Connection, $"PRAGMA user_version = {i}");
                Assert.True(gate.DurableTurns < number);
            }
            Assert.True(gate.DurableTurns >= number, $"turn {number} ended, durable up to {gate.DurableTurns}");
        }
    }

    [Fact]
    public async Task AnIntakeBatch_Is_OnDisk_WhenItsAccepted()
    {
        await using var app = await HooklineApp.StartAsync(Databases.Sqlite);
        var gate = app.Services.GetRequiredService<WriteGate>();
        using var client = app.Client();
        var before = gate.WriterTurns;
        using var response = await client.PostAsJsonAsync("/api/v1/calls/events",
            new[] { new { type = "call.begin", callid = "durable-1", tracking = "5550000000", ani = "7776734736" } });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        // The intake's turn ended before the 202, and so did its sync: every turn ended by then is durable.
        Assert.True(gate.WriterTurns > before);
        Assert.True(gate.DurableTurns >= before + 1);
    }

    [Theory]
    [InlineData("wal", 1L)]
    [InlineData("delete", 2L)]
    public async Task TheWritersConnection_LeavesTheSyncToTheGate_OnlyInWalMode(string journal, long synchronous)
    {
        var connectionString = Databases.CreateSqliteFile(out var directory);
        try
        {
            await using (var setup = new SqliteConnection(connectionString))
            {
                await setup.OpenAsync();
                await ScalarAsync(setup, $"PRAGMA journal_mode = {journal}");
                await ScalarAsync(setup, "CREATE TABLE t (x INTEGER)");
            }
            using var gate = new WriteGate(Options.Create(new StorageOptions { ConnectionString = connectionString }));
            using (var turn = await gate.EnterAsync(CancellationToken.None))
            {
                Assert.Equal(synchronous, await ScalarAsync(turn.Connection!, "PRAGMA synchronous"));
                await ScalarAsync(turn.Connection!, "INSERT INTO t VALUES (1)");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
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
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
