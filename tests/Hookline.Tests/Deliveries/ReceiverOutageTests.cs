using Hookline.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hookline.Tests.Deliveries;

/// <summary>
/// The receiver goes away with hundreds of deliveries waiting and comes back: the webhook is down meanwhile, and
/// afterwards every delivery arrives, each call's begin before its end.
/// </summary>
public class ReceiverOutageTests(ITestOutputHelper output) : ReceiverTest
{
    private const int Calls = 300;

    [Theory, Providers]
    public async Task ReceiverOutage_WebhookGoesDown_ThenEveryDeliveryArrives_BeginBeforeEnd(string provider)
    {
        await using var app = await HooklineApp.StartAsync(provider, HooklineApp.FastRetries);
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(app), Receiver);
        var client = setup.Tenant.Client;
        var health = $"/api/v1/webhooks/{setup.WebhookId}/health";
        var before = Guid.NewGuid().ToString();
        await setup.Post(setup.Begin(before), CallSetup.End(before));
        await Receiver.WaitForRequestsAsync(2);

        await Receiver.StopAsync();
        var callIds = Enumerable.Range(0, Calls).Select(_ => Guid.NewGuid().ToString()).ToList();
        foreach (var batch in callIds.Chunk(100))
            await setup.Post([.. batch.SelectMany(id => new[] { setup.Begin(id), CallSetup.End(id) })]);
        var down = await client.GetUntil(health, h => h.GetProperty("state").GetString() == "down", "the webhook down");
        var failures = down.GetProperty("consecutiveFailures").GetInt32();
        // A probe fails too while the receiver is away, and nothing waiting is lost or given up.
        var probed = await client.GetUntil(health, h => h.GetProperty("consecutiveFailures").GetInt32() > failures, "a failed probe");
        Assert.Equal("down", probed.GetProperty("state").GetString());
        Assert.Equal(2 * Calls, probed.GetProperty("pending").GetInt32());

        await Receiver.RestartAsync();
        var arrivals = new CallArrivals();
        var requests = await Receiver.WaitUntilAsync(r => arrivals.ReadAndCheck(r, callIds, "begin", "end"),
            $"every begin and end of {Calls} calls", TimeSpan.FromSeconds(60));
        var up = await client.GetUntil(health, h => h.GetProperty("pending").GetInt32() == 0, "nothing pending");
        Assert.Equal("up", up.GetProperty("state").GetString());
        output.WriteLine($"{failures} failures when it went down, {probed.GetProperty("consecutiveFailures")} after a probe; " +
            $"{requests.Count - 2} requests after the outage for {2 * Calls} deliveries");

        foreach (var id in callIds)
        {
            // The begin was delivered before the end was sent: every copy of it arrived first.
            var lastBegin = arrivals.Of(id, "begin").Max(r => r.Sequence);
            Assert.True(lastBegin < arrivals.Of(id, "end").Min(r => r.Sequence), $"call {id}: an end arrived before its begin was delivered");
        }
    }
}
