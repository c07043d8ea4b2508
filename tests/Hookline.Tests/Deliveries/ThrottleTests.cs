using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
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

        // 200 sends at 20 a second: 199 gaps of 50 ms after the first; never more than 20% faster, and at no less than
        // two thirds of the pace (a shared, busy machine slows the sends, never speeds them up: at load 6-7 a drain
        // of 9.95 s took 13.5).
        var times = received.Select(r => r.ReceivedAt).Order().ToList();
        var took = (times[^1] - times[0]).TotalSeconds;
        var expected = (Backlog - 1) / (double)Rate;
        Assert.InRange(took, expected * 0.8, expected * 1.5);
        // And no second of it saw much more than the rate.
        var busiest = times.Select(t => times.Count(u => u >= t && u < t.AddSeconds(1))).Max();
        Assert.InRange(busiest, 1, Rate * 1.2);
    }

    /// <summary>
    /// Deliveries held in memory behind a throttle keep their lease: before it runs short (the tests' 5 s lease and 1 s
    /// attempt timeout, 10 s of sends), each one still unsent has its lease extended in the table, by this node, rather
    /// than given back and claimed again; and each is sent once.
    /// </summary>
    [Theory, Providers]
    public async Task DeliveriesHeldBehindAThrottle_HaveTheirLeasesRenewed_BeforeTheyRunShort(string provider)
    {
        const int Rate = 4;
        const int Backlog = 40;
        await using var app = await HooklineApp.StartAsync(provider, HooklineApp.FastRetries);
        var tenant = await Tenant.CreateAsync(app);
        var setup = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);
        await SetMaxPerSecondAsync(tenant, setup.WebhookId, Rate);

        await setup.Post([.. Enumerable.Range(0, Backlog).Select(_ => setup.Begin(Guid.NewGuid().ToString()))]);
        await using (var db = app.OpenDatabase())
        {
            // The unsent ones (the first may be gone already), each handed to the dispatcher by the intake with a lease.
            var first = await db.Deliveries.AsNoTracking().Where(d => d.WebhookId == setup.WebhookId && d.Status == "pending")
                .ToDictionaryAsync(d => d.Id, d => (d.LeaseUntil, d.LeasedBy));
            Assert.InRange(first.Count, Backlog - Rate, Backlog);
            Assert.All(first.Values, lease => Assert.NotNull(lease.LeasedBy));
            // Until the first lease has less than the attempt timeout left, none of them has been given back.
            var deadline = first.Values.Min(lease => lease.LeaseUntil!.Value) - TimeSpan.FromSeconds(1);
            var renewed = false;
            while (!renewed && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(100);
                var unsent = await db.Deliveries.AsNoTracking().Where(d => first.Keys.Contains(d.Id) && d.Status == "pending").ToListAsync();
                renewed = unsent.Count > 0 && unsent.TrueForAll(d => d.LeasedBy == first[d.Id].LeasedBy && d.LeaseUntil > first[d.Id].LeaseUntil);
            }
            Assert.True(renewed, "the unsent deliveries' leases were not renewed before they ran short");
        }
        await Receiver.WaitForRequestsAsync(Backlog, TimeSpan.FromSeconds(60));
        await Task.Delay(500);
        Assert.Equal(Backlog, Receiver.Requests.Count);
        Assert.Equal(Backlog, Receiver.Requests.Select(r => r.Header("webhook-id")).Distinct().Count());
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
