using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hookline.Calls;
using Hookline.Deliveries;
using Hookline.Operations;
using Hookline.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Hookline.Tests.Operations;

/// <summary>
/// The database blinks: while it is out of reach the intake answers 503 (never a 202 for events it did not store),
/// nothing crashes, and once it is back everything accepted is delivered without anyone restarting anything.
/// PostgreSQL is put out of reach by a relay in front of it that the test cuts (<see cref="TcpRelay"/>): the shared
/// server itself is never stopped. SQLite is made full for real: its file on a small tmpfs the test fills.
/// </summary>
public class DatabaseBlinkTests(ITestOutputHelper output) : ReceiverTest
{
    [Fact]
    public async Task WhilePostgresIsOutOfReach_TheIntakeAnswers503_AndEveryCallAccepted_IsDeliveredOnceItIsBack()
    {
        var settings = await HooklineApp.SettingsAsync(Databases.Postgres);
        await using var relay = ThroughRelay(settings);
        foreach (var (key, value) in HooklineApp.FastRetries) settings[key] = value;
        await using var app = await HooklineApp.StartAsync(Databases.Postgres, settings);
        var tenant = await Tenant.CreateAsync(app);
        var setup = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);

        var accepted = new List<string>();
        var refused = 0;
        async Task PostAsync()
        {
            var (call, wasAccepted) = await PostBeginAsync(tenant, setup);
            if (wasAccepted) accepted.Add(call);
            else refused++;
        }

        for (var i = 0; i < 5; i++) await PostAsync();
        relay.Cut();
        for (var i = 0; i < 5; i++) await PostAsync();
        Assert.True(refused >= 4, $"only {refused} of 5 posts while the database was cut were refused");
        relay.Restore();
        // Back by itself: the pool's broken connections are dropped as they fail, and posts are taken again.
        var before = accepted.Count;
        for (var i = 0; i < 50 && accepted.Count < before + 5; i++)
        {
            await PostAsync();
            if (accepted.Count == before) await Task.Delay(200);
        }
        Assert.Equal(before + 5, accepted.Count);

        var delivered = await Receiver.WaitUntilAsync(
            requests => accepted.All(c => requests.Any(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("callid").GetString() == c)),
            "every accepted call", TimeSpan.FromSeconds(60));
        Assert.NotEmpty(delivered);
        using var anonymous = app.Client(apiKey: null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task WhilePostgresIsOutOfReach_TheDispatcherKeepsItsResults_AndRecordsThemOnceItIsBack_SendingNothingTwice()
    {
        const int Calls = 8;
        var settings = await HooklineApp.SettingsAsync(Databases.Postgres);
        await using var relay = ThroughRelay(settings);
        foreach (var (key, value) in HooklineApp.FastRetries) settings[key] = value;
        // The lease outlasts the cut by far: a delivery sent again before it runs out would be the recorder's doing.
        settings["Hookline:Delivery:LeaseDuration"] = "00:01:00";
        settings["Hookline:Delivery:Timeout"] = "00:00:10";
        await using var app = await HooklineApp.StartAsync(Databases.Postgres, settings);
        var tenant = await Tenant.CreateAsync(app);
        var setup = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);
        // The receiver answers late, so the answers come back while the database is cut.
        Receiver.RespondWith(_ => new ReceiverResponse(Delay: TimeSpan.FromSeconds(1.5)));

        for (var i = 0; i < Calls; i++)
        {
            using var response = await tenant.Client.PostAsJsonAsync("/api/v1/calls/events", setup.Begin(Guid.NewGuid().ToString()));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await Receiver.WaitForRequestsAsync(Calls);
        relay.Cut();
        // Long enough for the answers to arrive and for the recorder's first tries to fail.
        await Task.Delay(TimeSpan.FromSeconds(4));
        relay.Restore();

        // Recorded well before any lease runs out (a minute): the results were kept, not dropped.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(25);
        var delivered = 0;
        while (DateTime.UtcNow < deadline && delivered < Calls)
        {
            await Task.Delay(250);
            try
            {
                delivered = await DeliveredAsync(app, setup);
            }
            catch (NpgsqlException)
            {
                // The test's own connection may find the pool's broken ones first.
            }
        }
        Assert.Equal(Calls, delivered);
        var ids = Receiver.Requests.Select(r => r.Header("webhook-id")).ToList();
        Assert.Equal(Calls, ids.Distinct().Count());
        Assert.Equal(Calls, ids.Count);
    }

    [Fact]
    public async Task WhileSqliteIsLocked_TheIntakeAnswers503_StoresNothingOfIt_AndEveryCallAccepted_IsDeliveredOnceItIsWritable()
    {
        var settings = await HooklineApp.SettingsAsync(Databases.Sqlite);
        // A writer gives up on the lock after 2 s rather than the default 30 s.
        settings["Hookline:Storage:ConnectionString"] += ";Default Timeout=2";
        foreach (var (key, value) in HooklineApp.FastRetries) settings[key] = value;
        await using var app = await HooklineApp.StartAsync(Databases.Sqlite, settings);
        var tenant = await Tenant.CreateAsync(app);
        var setup = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);

        var accepted = new System.Collections.Concurrent.ConcurrentBag<string>();
        var refused = new System.Collections.Concurrent.ConcurrentBag<string>();
        async Task PostAsync()
        {
            var (call, wasAccepted) = await PostBeginAsync(tenant, setup);
            (wasAccepted ? accepted : refused).Add(call);
        }

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostAsync()));
        // Another connection holds the file's write lock: what root cannot be kept from by chmod, and what needs no mount.
        await using (var locker = new SqliteConnection(settings["Hookline:Storage:ConnectionString"]))
        {
            await locker.OpenAsync();
            await using var begin = locker.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync()));
            Assert.Equal(8, refused.Count);
            await using var rollback = locker.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostAsync()));
        Assert.Equal(10, accepted.Count);

        await using (var db = app.OpenDatabase())
        {
            // Nothing half-written: every accepted event is stored, none of the refused ones.
            var stored = await db.CallEvents.Select(e => e.CallKey).ToListAsync();
            Assert.All(accepted, c => Assert.Contains(CallIntake.CallKey(tenant.GroupId, c), stored));
            Assert.All(refused, c => Assert.DoesNotContain(CallIntake.CallKey(tenant.GroupId, c), stored));
        }
        await Receiver.WaitUntilAsync(
            requests => accepted.All(c => requests.Any(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("callid").GetString() == c)),
            "every accepted call", TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// SQLite's file lives on a tmpfs of its own, and under load (four posters) a filler file takes every byte left, so
    /// SQLite's writes fail with SQLITE_FULL. Where mounting is refused (no root or CAP_SYS_ADMIN) the test is not
    /// skipped: another connection's BEGIN EXCLUSIVE makes the file unwritable instead, and the output says which ran.
    /// </summary>
    [Fact]
    public async Task WhenSqlitesDiskIsFullUnderLoad_TheIntakeAnswers503_StoresNothingOfIt_AndEveryCallAccepted_IsDeliveredOnceThereIsRoom()
    {
        // 16 MB, not 4: the WAL alone grows to about 4 MB before SQLite checkpoints it, and the disk must fill when the
        // test says so, not before.
        var (disk, refused) = await SmallFileSystem.TryMountAsync(megabytes: 16);
        await using var _ = disk;
        var settings = await HooklineApp.SettingsAsync(Databases.Sqlite);
        foreach (var (key, value) in HooklineApp.FastRetries) settings[key] = value;
        SqliteConnection? locker = null;
        Func<Task> makeUnwritable, makeWritable;
        // Refusals wanted while unwritable: a full disk refuses at once; a lock after each writer's busy timeout in turn.
        int refusals;
        if (disk is not null)
        {
            settings["Hookline:Storage:ConnectionString"] = $"Data Source={Path.Combine(disk.Path, "hookline.db")}";
            makeUnwritable = () =>
            {
                output.WriteLine($"filled the file system with {disk.Fill() / 1024} KiB");
                return Task.CompletedTask;
            };
            makeWritable = () =>
            {
                disk.Free();
                return Task.CompletedTask;
            };
            refusals = 20;
            output.WriteLine($"SQLite on a 16 MB tmpfs at {disk.Path}, made full by a filler file");
        }
        else
        {
            // A writer gives up on the lock after 1 s rather than the default 30 s.
            settings["Hookline:Storage:ConnectionString"] += ";Default Timeout=1";
            makeUnwritable = async () =>
            {
                locker = new SqliteConnection(settings["Hookline:Storage:ConnectionString"]);
                await locker.OpenAsync();
                await using var begin = locker.CreateCommand();
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync();
            };
            makeWritable = async () =>
            {
                // Rolled back by hand: a pooled connection closed with a transaction begun by a command keeps it.
                await using var rollback = locker!.CreateCommand();
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync();
                await locker.DisposeAsync();
            };
            refusals = 4;
            output.WriteLine($"mounting a tmpfs was refused ({refused}): SQLite made unwritable by BEGIN EXCLUSIVE instead");
        }
        await using var app = await HooklineApp.StartAsync(Databases.Sqlite, settings);
        var tenant = await Tenant.CreateAsync(app);
        var setup = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);

        var accepted = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var refusedCalls = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        async Task PostUntilStoppedAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var (call, wasAccepted) = await PostBeginAsync(tenant, setup);
                (wasAccepted ? accepted : refusedCalls).Enqueue(call);
                // A client told to come back later: not at once, but much sooner than Retry-After, to keep the load on.
                if (!wasAccepted) await Task.Delay(100);
            }
        }
        var posters = Enumerable.Range(0, 4).Select(_ => Task.Run(PostUntilStoppedAsync)).ToList();
        async Task WaitForAsync(Func<bool> done, string what)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (!done())
            {
                // A poster's failed assertion (a 500, a 503 without Retry-After) is this test's failure.
                if (posters.Any(p => p.IsFaulted)) await Task.WhenAll(posters);
                Assert.True(DateTime.UtcNow < deadline, $"{what}: not within 20 s ({accepted.Count} accepted, {refusedCalls.Count} refused)");
                await Task.Delay(50);
            }
        }

        await WaitForAsync(() => accepted.Count >= 20, "20 posts accepted");
        await makeUnwritable();
        // A post already past its commit when the disk filled may still be accepted: each 202 is checked against the
        // database below.
        var acceptedBefore = accepted.Count;
        await WaitForAsync(() => refusedCalls.Count >= refusals, $"{refusals} posts refused once the database could not be written");
        var acceptedWhileUnwritable = accepted.Count;
        using (var anonymous = app.Client(apiKey: null))
        {
            // Reads still work: what an operator's load balancer sees meanwhile, for the record.
            output.WriteLine($"{acceptedWhileUnwritable - acceptedBefore} posts accepted after it was made unwritable, before {refusals} were refused; " +
                $"/readyz meanwhile: {(int)(await anonymous.GetAsync("/readyz")).StatusCode}");
        }
        await makeWritable();
        await WaitForAsync(() => accepted.Count >= acceptedWhileUnwritable + 20, "20 posts accepted again, by itself");
        await stop.CancelAsync();
        await Task.WhenAll(posters);
        output.WriteLine($"{accepted.Count} posts accepted, {refusedCalls.Count} refused");

        await using (var db = app.OpenDatabase())
        {
            // Nothing half-written: every accepted call has its call, its event and its delivery; no refused one has any.
            var keys = accepted.Concat(refusedCalls).Select(c => CallIntake.CallKey(tenant.GroupId, c)).ToList();
            var calls = (await db.Calls.Where(c => keys.Contains(c.Key)).Select(c => c.Key).ToListAsync()).ToHashSet();
            var events = (await db.CallEvents.Where(e => keys.Contains(e.CallKey)).Select(e => e.CallKey).ToListAsync()).ToHashSet();
            var deliveries = (await db.Deliveries.Where(d => keys.Contains(d.CallKey)).Select(d => d.CallKey).ToListAsync()).ToHashSet();
            foreach (var key in accepted.Select(c => CallIntake.CallKey(tenant.GroupId, c)))
                Assert.True(calls.Contains(key) && events.Contains(key) && deliveries.Contains(key), $"accepted {key} is not stored whole");
            foreach (var key in refusedCalls.Select(c => CallIntake.CallKey(tenant.GroupId, c)))
                Assert.False(calls.Contains(key) || events.Contains(key) || deliveries.Contains(key), $"refused {key} is stored, in part at least");
        }
        await Receiver.WaitUntilAsync(
            requests => accepted.All(c => requests.Any(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("callid").GetString() == c)),
            "every accepted call", TimeSpan.FromSeconds(60));
        using var client = app.Client(apiKey: null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Theory]
    [InlineData(5, true)] // SQLITE_BUSY: another connection holds the write lock
    [InlineData(6, true)] // SQLITE_LOCKED
    [InlineData(8, true)] // SQLITE_READONLY: a read-only file or filesystem
    [InlineData(8 | (3 << 8), true)] // SQLITE_READONLY_ROLLBACK, an extended code
    [InlineData(10, true)] // SQLITE_IOERR
    [InlineData(10 | (4 << 8), true)] // SQLITE_IOERR_WRITE
    [InlineData(13, true)] // SQLITE_FULL: the disk is full
    [InlineData(14, true)] // SQLITE_CANTOPEN
    [InlineData(19, false)] // SQLITE_CONSTRAINT: a conflict, not an outage
    [InlineData(1, false)] // SQLITE_ERROR: a defect
    public void SqliteErrors_AreOutOfReach_OnlyWhenTheFileCannotBeWritten(int code, bool outOfReach)
    {
        Assert.Equal(outOfReach, DatabaseUnavailable.Is(new SqliteException("test", code, code)));
        Assert.Equal(outOfReach, DatabaseUnavailable.Is(new InvalidOperationException("wrapped", new SqliteException("test", code, code))));
    }

    [Fact]
    public async Task AWriteToALockedSqliteFile_IsOutOfReach()
    {
        var connectionString = Databases.CreateSqliteFile(out _) + ";Default Timeout=1";
        await using var locker = new SqliteConnection(connectionString);
        await locker.OpenAsync();
        await using (var create = locker.CreateCommand())
        {
            create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t (x); BEGIN EXCLUSIVE";
            await create.ExecuteNonQueryAsync();
        }
        await using var writer = new SqliteConnection(connectionString);
        await writer.OpenAsync();
        await using var insert = writer.CreateCommand();
        insert.CommandText = "INSERT INTO t VALUES (1)";
        var error = await Assert.ThrowsAsync<SqliteException>(() => insert.ExecuteNonQueryAsync());
        Assert.Equal(5, error.SqliteErrorCode);
        Assert.True(DatabaseUnavailable.Is(error));
    }

    [Fact]
    public async Task AWriterOnALockedSqliteFile_GivesUpAfterItsConnectionsDefaultTimeout_AlsoAfterABatchRanOnIt()
    {
        var connectionString = Databases.CreateSqliteFile(out _) + ";Default Timeout=1";
        await using var writer = new SqliteConnection(connectionString);
        await writer.OpenAsync();
        await using (var create = writer.CreateCommand())
        {
            create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t (x)";
            await create.ExecuteNonQueryAsync();
        }
        // A batch runs its statements on SQLite's own handle, where the wait for a lock is SQLite's busy timeout:
        // it is set on the connection, and stays for every later command on it.
        await using (var transaction = await writer.BeginTransactionAsync())
        {
            await using (var batch = new StatementBatch(writer, transaction))
            {
                await batch.RunAsync(batch.Statement("INSERT INTO t VALUES (@x)", "x"), CancellationToken.None, 1);
            }
            await transaction.CommitAsync();
        }
        await using var locker = new SqliteConnection(connectionString);
        await locker.OpenAsync();
        await using (var begin = locker.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
        }

        var waited = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<SqliteException>(async () => await writer.BeginTransactionAsync());
        Assert.Equal(5, error.SqliteErrorCode);
        // The connection string's second, and some slack for a busy machine; not SQLite's 30 s of a batch's own choosing.
        Assert.InRange(waited.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5));
    }

    private static async Task<int> DeliveredAsync(HooklineApp app, CallSetup setup)
    {
        await using var db = app.OpenDatabase();
        return await db.Deliveries.CountAsync(d => d.GroupId == setup.Tenant.GroupId && d.Status == DeliveryStatus.Delivered);
    }

    /// <summary>Points the settings' PostgreSQL connection through a new relay, with a short connect timeout.</summary>
    private static TcpRelay ThroughRelay(Dictionary<string, string?> settings)
    {
        var real = new NpgsqlConnectionStringBuilder(settings["Hookline:Storage:ConnectionString"]);
        var relay = new TcpRelay(new IPEndPoint(IPAddress.Loopback, real.Port));
        real.Host = "127.0.0.1";
        real.Port = relay.Port;
        real.Timeout = 3;
        settings["Hookline:Storage:ConnectionString"] = real.ConnectionString;
        return relay;
    }

    /// <summary>Posts a new call's begin: accepted (202), or refused with the 503 problem and Retry-After, never a 500 or a 409.</summary>
    private static async Task<(string Call, bool Accepted)> PostBeginAsync(Tenant tenant, CallSetup setup)
    {
        var call = Guid.NewGuid().ToString();
        using var response = await tenant.Client.PostAsJsonAsync("/api/v1/calls/events", setup.Begin(call));
        if (response.StatusCode == HttpStatusCode.Accepted) return (call, true);
        var problem = await response.Problem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.NotNull(response.Headers.RetryAfter);
        return (call, false);
    }
}
