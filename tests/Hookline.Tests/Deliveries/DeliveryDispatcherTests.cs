using System.Data.Common;
using Hookline.Deliveries;
using Hookline.Storage;
using Hookline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hookline.Tests.Deliveries;

/// <summary>The dispatcher keeps going: its slots come back, it wakes when they do, and one webhook's backlog holds up no other.</summary>
public class DeliveryDispatcherTests : ReceiverTest
{
    private static object[] Begins(CallSetup setup, int calls) => [.. Enumerable.Range(0, calls).Select(_ => setup.Begin(Guid.NewGuid().ToString()))];

    /// <summary>A server whose dispatcher sends at most <paramref name="slots"/> at a time, one per webhook.</summary>
    private static Task<HooklineApp> StartAsync(string provider, int slots, string pollInterval = "00:00:00.050") =>
        HooklineApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Hookline:Delivery:MaxConcurrency"] = slots.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hookline:Delivery:PerWebhookConcurrency"] = "1",
            ["Hookline:Delivery:PollInterval"] = pollInterval,
            ["Hookline:Delivery:RetrySchedule:0"] = "00:00:00.050",
        });

    [Theory, Providers]
    public async Task AttemptsThatFailBeforeSending_GiveTheirSlotsBack(string provider)
    {
        await using var app = await StartAsync(provider, slots: 2);
        var tenant = await Tenant.CreateAsync(app);
        var broken = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);
        var healthy = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);
        // A URL the API refuses, as an older version or a hand edit could have stored it: the sender turns each attempt
        // down before any I/O, so the attempt is over before the dispatcher has finished starting it.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<HooklineDbContext>().Webhooks.Where(w => w.Id == broken.WebhookId)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.Url, "ftp://127.0.0.1/leads").SetProperty(w => w.UpdatedAt, DateTimeOffset.UtcNow));
        }

        await broken.Post(Begins(broken, 3));
        await healthy.Post(Begins(healthy, 3));

        // Two slots: had the broken attempts kept theirs, the dispatcher would have stopped after two of them.
        await Receiver.WaitForRequestsAsync(3);
        var attempted = await tenant.Client.GetUntil($"/api/v1/deliveries?webhookId={broken.WebhookId}",
            page => page.EnumerateArray().All(d => d.GetProperty("attempts").GetInt32() > 0), "every broken delivery attempted");
        Assert.All(attempted.EnumerateArray(), d => Assert.StartsWith("unsupported URL", d.GetProperty("lastError").GetString(), StringComparison.Ordinal));
    }

    [Theory, Providers]
    public async Task RecordedOutcomes_WakeTheDispatcher_RatherThanTheNextPoll(string provider)
    {
        // One send at a time and a poll too far off to help: each delivery after the first goes out only because
        // recording the one before, which gives its slot back, woke the dispatcher.
        await using var app = await StartAsync(provider, slots: 1, pollInterval: "00:10:00");
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(app), Receiver, moments: ["begin"]);
        await setup.Post(Begins(setup, 5));
        await Receiver.WaitForRequestsAsync(5);
    }

    [Theory, Providers]
    public async Task OneWebhooksBacklog_DoesNotHoldUpAnotherWebhook(string provider)
    {
        await using var slowReceiver = await TestReceiver.StartAsync();
        slowReceiver.RespondWith(_ => new ReceiverResponse(Delay: TimeSpan.FromMilliseconds(300)));
        await using var app = await StartAsync(provider, slots: 4);
        var tenant = await Tenant.CreateAsync(app);
        var slow = await CallSetup.CreateAsync(tenant, slowReceiver, moments: ["begin"]);
        var quick = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);
        await slow.Post(Begins(slow, 40));
        await quick.Post(Begins(quick, 1));

        // Far more of the slow webhook's backlog is older than one claim looks at, and none of it may go faster than one
        // at a time; the other webhook's delivery still went out at once, not after that backlog.
        await Receiver.WaitForRequestsAsync(1);
        Assert.True(slowReceiver.Requests.Count <= 5, $"the quick webhook waited for {slowReceiver.Requests.Count} of the slow one's deliveries");
    }

    [Theory, Providers]
    public async Task AClaim_GivesEachWebhookItsShareFirst_ThenFillsItsRoomWithTheOldestOfTheRest(string provider)
    {
        await using var app = await HooklineApp.StartAsync(provider);
        var tenant = await Tenant.CreateAsync(app);
        var busy = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);
        var other = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);
        // Due a day from now, so that the running dispatcher's own claims leave them alone.
        var due = DateTimeOffset.UtcNow.AddDays(1);
        Delivery Pending(string webhookId, int minute) => new()
        {
            Id = Ids.New("dlv"), GroupId = tenant.GroupId, WebhookId = webhookId, CallId = Guid.NewGuid().ToString(), CallKey = Guid.NewGuid().ToString(),
            At = "begin", Trigger = "campaign:begin", ContentType = "application/json", Body = "{}"u8.ToArray(),
            CreatedAt = due.AddMinutes(minute - 60), WindowStart = due.AddMinutes(minute - 60), NextAttemptAt = due,
        };
        var busyOnes = Enumerable.Range(0, 10).Select(i => Pending(busy.WebhookId, i)).ToList();
        var otherOnes = Enumerable.Range(20, 3).Select(i => Pending(other.WebhookId, i)).ToList();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
        db.Deliveries.AddRange([.. busyOnes, .. otherOnes]);
        await db.SaveChangesAsync();

        var store = new DeliveryStore(db, scope.ServiceProvider.GetRequiredService<WriteGate>());
        var claimed = await store.ClaimDueAsync(limit: 8, perWebhook: 2, due.AddSeconds(1), due.AddMinutes(1), "test-node", CancellationToken.None);

        // The other webhook's share although all of the busy one's are older; the room left to the busy one's oldest.
        Assert.Equal(otherOnes.Take(2).Select(d => d.Id), claimed.Where(c => c.WebhookId == other.WebhookId).Select(c => c.Id));
        Assert.Equal(busyOnes.Take(6).Select(d => d.Id), claimed.Where(c => c.WebhookId == busy.WebhookId).Select(c => c.Id));
    }

    [Theory, Providers]
    public async Task ARenewal_ExtendsOnlyTheLeasesThisNodeStillHolds(string provider)
    {
        await using var app = await HooklineApp.StartAsync(provider);
        var tenant = await Tenant.CreateAsync(app);
        var setup = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);
        // A day from now, so that the running dispatcher's own claims leave them alone.
        var now = DateTimeOffset.UtcNow.AddDays(1);
        Delivery Leased(string? node, DateTimeOffset? until, string status = DeliveryStatus.Pending) => new()
        {
            Id = Ids.New("dlv"), GroupId = tenant.GroupId, WebhookId = setup.WebhookId, CallId = Guid.NewGuid().ToString(), CallKey = Guid.NewGuid().ToString(),
            At = "begin", Trigger = "campaign:begin", ContentType = "application/json", Body = "{}"u8.ToArray(), Status = status,
            CreatedAt = now, WindowStart = now, NextAttemptAt = until ?? now.AddHours(1), LeaseUntil = until, LeasedBy = node,
        };
        var ours = Leased("test-node", now.AddSeconds(30));
        var anotherNodes = Leased("other-node", now.AddSeconds(30));
        var ranOut = Leased("test-node", now.AddSeconds(-1));
        var recorded = Leased(null, null, DeliveryStatus.Delivered);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
        db.Deliveries.AddRange(ours, anotherNodes, ranOut, recorded);
        await db.SaveChangesAsync();

        var store = new DeliveryStore(db, scope.ServiceProvider.GetRequiredService<WriteGate>());
        var until = now.AddMinutes(2);
        var renewed = await store.RenewAsync("test-node", [ours.Id, anotherNodes.Id, ranOut.Id, recorded.Id], now, until, CancellationToken.None);

        Assert.Equal([ours.Id], renewed);
        var stored = await db.Deliveries.AsNoTracking().Where(d => d.WebhookId == setup.WebhookId).ToDictionaryAsync(d => d.Id);
        // The lease's end is also when it is due again, should the node die. (Stored to the millisecond.)
        static long? Ms(DateTimeOffset? t) => t?.ToUnixTimeMilliseconds();
        Assert.Equal((Ms(until), Ms(until)), (Ms(stored[ours.Id].LeaseUntil), Ms(stored[ours.Id].NextAttemptAt)));
        Assert.Equal(("other-node", Ms(anotherNodes.LeaseUntil)), (stored[anotherNodes.Id].LeasedBy, Ms(stored[anotherNodes.Id].LeaseUntil)));
        Assert.Equal(Ms(ranOut.LeaseUntil), Ms(stored[ranOut.Id].LeaseUntil));
        Assert.Null(stored[recorded.Id].LeaseUntil);
    }

    [Theory, Providers]
    public async Task Claim_FindsACallsEarlierDeliveries_ByTheCallsIndex(string provider)
    {
        await using var app = await HooklineApp.StartAsync(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
        var statement = new DeliveryStore(db, scope.ServiceProvider.GetRequiredService<WriteGate>()).DueStatement;

        // Through the webhook's index, every candidate would scan all of its webhook's pending deliveries: O(backlog²).
        var plan = await ExplainAsync(db, statement);
        Assert.Contains("IX_deliveries_CallKey_WebhookId_Trigger", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("IX_deliveries_WebhookId_Status_CreatedAt", plan, StringComparison.Ordinal);
    }

    /// <summary>The plan of a statement on a table without statistics, as the database would run it.</summary>
    private static async Task<string> ExplainAsync(HooklineDbContext db, string statement)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = (db.Database.IsNpgsql() ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + statement;
        foreach (var (name, value) in new (string, object)[] { ("now", 0L), ("lease", 0L), ("node", "n"), ("limit", 64), ("perWebhook", 16), ("window", 256) })
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i))));
        return string.Join('\n', lines);
    }
}
