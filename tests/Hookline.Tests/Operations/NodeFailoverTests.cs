using System.Diagnostics;
using Hookline.Deliveries;
using Hookline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Hookline.Tests.Operations;

/// <summary>
/// Two nodes, the built server as two processes, on one PostgreSQL database, sharing the deliveries of calls whose
/// begin is taken by one node and whose end by the other. One node is killed with SIGKILL mid-run; the other takes
/// over its leases once they run out and delivers everything, and only what the dead node held is sent twice.
/// </summary>
public class NodeFailoverTests(ITestOutputHelper output) : ReceiverTest
{
    private const int Calls = 1_500; // a begin and an end each: 3,000 deliveries
    private const int CallsPerBatch = 100;

    /// <summary>A lease that runs out soon after the kill, so the survivor takes the dead node's deliveries within seconds.</summary>
    private static readonly Dictionary<string, string?> ShortLease = new()
    {
        ["Hookline:Delivery:Timeout"] = "00:00:02",
        ["Hookline:Delivery:LeaseDuration"] = "00:00:05",
    };

    [Fact]
    public async Task NodeKilledMidRun_SurvivorDeliversEveryCall_RepeatingOnlyWhatTheDeadNodeHeld()
    {
        var settings = await HooklineApp.SettingsAsync(Databases.Postgres);
        foreach (var (key, value) in HooklineApp.FastRetries.Concat(ShortLease)) settings[key] = value;
        // Slow enough that both nodes have sends in flight and outcomes not yet recorded when one dies.
        Receiver.RespondWith(_ => new ReceiverResponse(Delay: TimeSpan.FromMilliseconds(50)));
        var callIds = Enumerable.Range(0, Calls).Select(_ => Guid.NewGuid().ToString()).ToList();
        var batches = callIds.Chunk(CallsPerBatch).ToList();
        var arrivals = new CallArrivals();
        var clock = Stopwatch.StartNew();

        var nodes = await Task.WhenAll(HooklineProcess.StartAsync(settings), HooklineProcess.StartAsync(settings));
        await using var doomed = nodes[0];
        await using var survivor = nodes[1];
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(doomed), Receiver);
        using var onDoomed = doomed.Client(setup.Tenant.Key);
        using var onSurvivor = survivor.Client(setup.Tenant.Key);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: nodes {doomed.Id} and {survivor.Id} started");

        // Connected and warmed up before the load, so the read after the kill takes milliseconds, well inside the dead node's leases.
        await using var db = HooklineApp.OpenDatabase(Databases.Postgres, settings);
        await db.Deliveries.CountAsync(d => d.LeasedBy != null);
        var deadNode = $"/{doomed.Id}/"; // a node is machine/pid/random (DeliveryHandOff.Node)

        // While both live: each batch's begins go to one node and its ends to the other, alternating.
        var beforeKill = batches.Count / 2;
        for (var i = 0; i < beforeKill; i++)
        {
            var (first, second) = i % 2 == 0 ? (onDoomed, onSurvivor) : (onSurvivor, onDoomed);
            await first.PostOk("/api/v1/calls/events", batches[i].Select(id => setup.Begin(id)).ToArray());
            await second.PostOk("/api/v1/calls/events", batches[i].Select(id => CallSetup.End(id)).ToArray());
        }
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {2 * beforeKill * CallsPerBatch} events accepted; {Receiver.Requests.Count} requests so far");
        // No waiting: the kill comes while the deliveries of what was just posted are being sent.
        var whileBothLived = Receiver.Requests;
        await doomed.KillAsync();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: killed process {doomed.Id} after {whileBothLived.Count} requests");
        // Only the end of their leases moves the dead node's rows now, and a delivery it sent had at least the attempt
        // timeout of lease left: read at once, this is what it held at the kill.
        HashSet<string> held = [.. await db.Deliveries
            .Where(d => d.Status == DeliveryStatus.Pending && d.LeasedBy!.Contains(deadNode)).Select(d => d.Id).ToListAsync()];
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {held.Count} deliveries leased to the dead node and not recorded");

        // The rest of the load goes to the survivor alone, as a load balancer would send it.
        foreach (var batch in batches.Skip(beforeKill))
            await onSurvivor.PostOk("/api/v1/calls/events", batch.SelectMany(id => new[] { setup.Begin(id), CallSetup.End(id) }).ToArray());
        var requests = await Receiver.WaitUntilAsync(r => arrivals.ReadAndCheck(r, callIds, "begin", "end"),
            $"every begin and end of {Calls} calls", TimeSpan.FromSeconds(45));
        var (repeated, extra) = arrivals.Repeated;
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {requests.Count} requests for {arrivals.Distinct} deliveries: {repeated} arrived more than once ({extra} extra requests)");

        // Both nodes live: a lease is one node's, so no delivery arrived twice.
        var twiceWhileBothLived = whileBothLived.GroupBy(r => r.Header("webhook-id")).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twiceWhileBothLived.Count == 0, $"sent twice while both nodes lived: {string.Join(", ", twiceWhileBothLived)}");

        // The kill found work on the dead node, and the survivor took every piece of it over: each arrived after the kill.
        Assert.NotEmpty(held);
        var afterKill = requests.Skip(whileBothLived.Count).Select(r => r.Header("webhook-id")!).ToHashSet();
        Assert.Empty(held.Except(afterKill));

        // Repeats are only what the dead node held, each sent again at most once.
        var repeatedIds = requests.GroupBy(r => r.Header("webhook-id")!).Where(g => g.Count() > 1).ToList();
        Assert.Empty(repeatedIds.Select(g => g.Key).Except(held));
        Assert.All(repeatedIds, g => Assert.Equal(2, g.Count()));
        Assert.True(extra <= held.Count, $"{extra} repeated requests, but the dead node held only {held.Count} deliveries");

        foreach (var id in callIds)
        {
            var begins = arrivals.Of(id, "begin");
            var ends = arrivals.Of(id, "end");
            // A repeat is the same delivery again, not a new one; and a call's end never overtakes its begin, whichever node took which.
            Assert.Single(begins.Select(r => r.Header("webhook-id")).Distinct());
            Assert.Single(ends.Select(r => r.Header("webhook-id")).Distinct());
            Assert.True(begins[0].Sequence < ends[0].Sequence, $"call {id}: end arrived before begin");
        }

        // And the survivor knows it: every delivery recorded as delivered, none left pending.
        await onSurvivor.GetUntil($"/api/v1/webhooks/{setup.WebhookId}/health", h => h.GetProperty("pending").GetInt32() == 0, "nothing pending");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: done");
    }
}
