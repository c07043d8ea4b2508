using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Deliveries;

/// <summary>A receiver that keeps failing is marked down, probed, and drained when it is back; failed deliveries can be recovered.</summary>
public class WebhookHealthTests : ReceiverTest
{
    private static async Task<JsonElement> HealthAsync(CallSetup setup) =>
        await setup.Tenant.Client.GetOk($"/api/v1/webhooks/{setup.WebhookId}/health");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition()) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"never: {what}");
    }

    [Theory, Providers]
    public async Task FailuresInARow_MarkTheWebhookDown_AndAProbeBringsItBack_ThenTheBacklogDrains(string provider)
    {
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(provider, profile: HooklineApp.OneAtATime), Receiver, moments: ["begin"]);
        Receiver.RespondWith(_ => new ReceiverResponse(500));
        var calls = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid().ToString()).ToList();
        foreach (var call in calls.Take(6)) await setup.Post(setup.Begin(call)); // one by one, so their creation order is theirs
        await WaitUntilAsync(async () => (await HealthAsync(setup)).GetProperty("state").GetString() == "down", "the webhook is down");

        // While down, new deliveries wait: only probes reach the receiver, one at a time, every 0.3 s ± 20%.
        // Without that, 12 pending deliveries on a 0.1–0.4 s schedule would send dozens of requests a second.
        foreach (var call in calls.Skip(6)) await setup.Post(setup.Begin(call));
        var health = await HealthAsync(setup);
        Assert.True(health.GetProperty("consecutiveFailures").GetInt32() >= 5);
        Assert.Equal(12, health.GetProperty("pending").GetInt32());
        var before = Receiver.Requests.Count;
        await Task.Delay(1000);
        Assert.True(Receiver.Requests.Count - before <= 6, $"{Receiver.Requests.Count - before} requests in 1 s while down");

        Receiver.RespondWith(_ => ReceiverResponse.Ok);
        await WaitUntilAsync(async () => (await HealthAsync(setup)).GetProperty("pending").GetInt32() == 0, "the backlog is drained");
        health = await HealthAsync(setup);
        Assert.Equal("up", health.GetProperty("state").GetString());
        Assert.Equal(0, health.GetProperty("consecutiveFailures").GetInt32());
        // One send at a time per webhook here, so the drain's order is visible: after the probe (the oldest), oldest first.
        var succeeded = Receiver.Requests.Where(r => r.Sequence > before).Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("callid").GetString()!)
            .Distinct().ToList();
        var firstAfterRecovery = succeeded.IndexOf(calls[0]);
        Assert.Equal(calls, succeeded.Skip(firstAfterRecovery).Take(calls.Count).ToList());
    }

    [Theory, Providers]
    public async Task FailedDeliveries_AreQueuedAgain_ByRecover(string provider)
    {
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(provider, profile: HooklineApp.ShortWindow), Receiver, moments: ["begin"]);
        Receiver.RespondWith(_ => new ReceiverResponse(500));
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var callId = Guid.NewGuid().ToString();
        await setup.Post(setup.Begin(callId));
        await WaitUntilAsync(async () => (await setup.Tenant.Client.GetOk($"/api/v1/deliveries?status=failed&webhookId={setup.WebhookId}")).GetArrayLength() == 1,
            "the delivery fails after its retry window");

        Receiver.RespondWith(_ => ReceiverResponse.Ok);
        using var response = await setup.Tenant.Client.PostAsJsonAsync($"/api/v1/webhooks/{setup.WebhookId}/recover", new { since });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queued").GetInt32());
        await WaitUntilAsync(async () => (await setup.Tenant.Client.GetOk($"/api/v1/deliveries?status=delivered&callId={callId}")).GetArrayLength() == 1,
            "the recovered delivery is delivered");
    }

    [Theory, Providers]
    public async Task Recover_IgnoresFailuresBeforeSince(string provider)
    {
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(provider, profile: HooklineApp.ShortWindow), Receiver, moments: ["begin"]);
        Receiver.RespondWith(_ => new ReceiverResponse(500));
        await setup.Post(setup.Begin(Guid.NewGuid().ToString()));
        await WaitUntilAsync(async () => (await setup.Tenant.Client.GetOk($"/api/v1/deliveries?status=failed&webhookId={setup.WebhookId}")).GetArrayLength() == 1,
            "the delivery fails");
        using var response = await setup.Tenant.Client.PostAsJsonAsync($"/api/v1/webhooks/{setup.WebhookId}/recover", new { since = DateTimeOffset.UtcNow.AddMinutes(1) });
        Assert.Equal(0, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queued").GetInt32());
    }
}
