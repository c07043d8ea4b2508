using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Deliveries;

/// <summary>A webhook's <c>maxPerSecond</c>: validated like every field, and a backlog drains at that pace, not the dispatcher's.</summary>
public class ThrottleTests : ReceiverTest
{
    [Theory, Providers]
    public async Task ABacklogOf200_DrainsAtTheWebhooksMaxPerSecond(string provider)
    {
        const int Rate = 20;
        const int Backlog = 200;
        var tenant = await Tenant.CreateAsync(provider, profile: HooklineApp.FastRetries);
        var setup = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);
        var saved = await SetMaxPerSecondAsync(tenant, setup.WebhookId, Rate);
        Assert.Equal(Rate, saved.GetProperty("maxPerSecond").GetInt32());

        foreach (var batch in Enumerable.Range(0, Backlog).Chunk(50))
            await setup.Post([.. batch.Select(_ => setup.Begin(Guid.NewGuid().ToString()))]);
        var received = await Receiver.WaitForRequestsAsync(Backlog, TimeSpan.FromSeconds(60));

        // 200 sends at 20 a second: 199 gaps of 50 ms after the first, ±20%.
        var times = received.Select(r => r.ReceivedAt).Order().ToList();
        var took = (times[^1] - times[0]).TotalSeconds;
        var expected = (Backlog - 1) / (double)Rate;
        Assert.InRange(took, expected * 0.8, expected * 1.2);
        // And no second of it saw much more than the rate.
        var busiest = times.Select(t => times.Count(u => u >= t && u < t.AddSeconds(1))).Max();
        Assert.InRange(busiest, 1, Rate * 1.2);
    }

    [Theory, Providers]
    public async Task MaxPerSecond_OutOfRange_Is400_NamingTheField_AndLeftOut_IsNoLimit(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var setup = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);
        var webhook = await tenant.Client.GetOk($"/api/v1/webhooks/{setup.WebhookId}");
        foreach (var bad in new object[] { 0, -1, 1001, 2.5, "fast" })
        {
            using var response = await tenant.Client.PutAsJsonAsync($"/api/v1/webhooks/{setup.WebhookId}", Body(webhook, bad));
            var problem = await response.Problem(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("maxPerSecond", out _), $"{bad}: {problem}");
        }
        Assert.Equal(JsonValueKind.Null, webhook.GetProperty("maxPerSecond").ValueKind);
        var limited = await SetMaxPerSecondAsync(tenant, setup.WebhookId, 5);
        Assert.Equal(5, limited.GetProperty("maxPerSecond").GetInt32());
        Assert.Equal(5, (await tenant.Client.GetOk($"/api/v1/webhooks/{setup.WebhookId}")).GetProperty("maxPerSecond").GetInt32());
    }

    private static async Task<JsonElement> SetMaxPerSecondAsync(Tenant tenant, string webhookId, int maxPerSecond)
    {
        var webhook = await tenant.Client.GetOk($"/api/v1/webhooks/{webhookId}");
        return await tenant.Client.PutOk($"/api/v1/webhooks/{webhookId}", Body(webhook, maxPerSecond));
    }

    private static Dictionary<string, object?> Body(JsonElement webhook, object? maxPerSecond) => new()
    {
        ["name"] = webhook.GetProperty("name").GetString(),
        ["url"] = webhook.GetProperty("url").GetString(),
        ["templateId"] = webhook.GetProperty("templateId").GetString(),
        ["method"] = webhook.GetProperty("method").GetString(),
        ["headers"] = webhook.GetProperty("headers"),
        ["successCodes"] = webhook.GetProperty("successCodes"),
        ["maxPerSecond"] = maxPerSecond,
    };
}
