using System.Diagnostics;
using Hookline.Deliveries;
using Hookline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Hookline.Tests.Calls;

/// <summary>
/// The built server as a real process, killed with SIGKILL while it is delivering, then started again on the same
/// database: every call it accepted still reaches the receiver, at least once, and only what was in flight (leased, its
/// outcome not recorded) twice. Most of its deliveries took the fast path: written leased by the intake and handed
/// to the dispatcher in memory, so the kill finds them in memory, in flight, or with their outcome queued.
/// </summary>
public class CrashRecoveryTests(ITestOutputHelper output) : ReceiverTest
{
    private const int Calls = 1_000; // a begin and an end each: 2,000 events, 2,000 deliveries
    private const int CallsPerBatch = 125;

    /// <summary>A lease that runs out soon after the kill, so the restarted server resends what was in flight within seconds.</summary>
    private static readonly Dictionary<string, string?> ShortLease = new()
    {
        ["Hookline:Delivery:Timeout"] = "00:00:02",
        ["Hookline:Delivery:LeaseDuration"] = "00:00:05",
    };

    [Theory, Providers]
    public async Task ServerKilledMidDelivery_DeliversEveryAcceptedCall_AfterRestart(string provider)
    {
        var settings = await HooklineApp.SettingsAsync(provider);
        foreach (var (key, value) in HooklineApp.FastRetries.Concat(ShortLease)) settings[key] = value;
        // A receiver slow enough that the kill finds deliveries in flight and outcomes not yet recorded.
        Receiver.RespondWith(_ => new ReceiverResponse(Delay: TimeSpan.FromMilliseconds(30)));
        var callIds = Enumerable.Range(0, Calls).Select(_ => Guid.NewGuid().ToString()).ToList();
        var arrivals = new CallArrivals();
        var clock = Stopwatch.StartNew();

        int atKill;
        CallSetup setup;
        await using (var server = await HooklineProcess.StartAsync(settings))
        {
            setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(server), Receiver);
            foreach (var batch in callIds.Chunk(CallsPerBatch))
                await setup.Post([.. batch.SelectMany(id => new[] { setup.Begin(id), CallSetup.End(id) })]);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {2 * Calls} events accepted; {Receiver.Requests.Count} requests so far");

            await Receiver.WaitForRequestsAsync(2 * Calls / 4);
            await server.KillAsync();
            atKill = Receiver.Requests.Count;
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: killed process {server.Id} after {atKill} requests");
        }
        Assert.True(atKill < 2 * Calls, $"the kill came after all {2 * Calls} deliveries had arrived");
        int inFlight;
        await using (var db = HooklineApp.OpenDatabase(provider, settings))
        {
            inFlight = await db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Pending && d.LeasedBy != null);
            output.WriteLine($"{inFlight} deliveries leased and not recorded at the kill");
        }

        await using var restarted = await HooklineProcess.StartAsync(settings);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: restarted as process {restarted.Id}");
        var requests = await Receiver.WaitUntilAsync(r => arrivals.ReadAndCheck(r, callIds, "begin", "end"),
            $"every begin and end of {Calls} calls", TimeSpan.FromSeconds(45));

        var (repeated, extra) = arrivals.Repeated;
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {requests.Count} requests for {arrivals.Distinct} deliveries: {repeated} arrived more than once ({extra} extra requests)");
        // A delivery whose outcome was recorded is never sent again: repeats come only from what the kill left leased.
        Assert.True(extra <= inFlight, $"{extra} repeated requests, but only {inFlight} deliveries were in flight at the kill");
        foreach (var id in callIds)
        {
            var begins = arrivals.Of(id, "begin");
            var ends = arrivals.Of(id, "end");
            // A repeat is the same delivery again, not a new one; and a call's end never overtakes its begin.
            Assert.Single(begins.Select(r => r.Header("webhook-id")).Distinct());
            Assert.Single(ends.Select(r => r.Header("webhook-id")).Distinct());
            Assert.True(begins[0].Sequence < ends[0].Sequence, $"call {id}: end arrived before begin");
        }

        // And the restarted server knows it: every delivery recorded as delivered, none left pending.
        using var client = restarted.Client(setup.Tenant.Key);
        await client.GetUntil($"/api/v1/webhooks/{setup.WebhookId}/health", h => h.GetProperty("pending").GetInt32() == 0, "nothing pending");
    }
}
