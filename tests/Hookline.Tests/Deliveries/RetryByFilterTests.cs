using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hookline.Deliveries;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Deliveries;

/// <summary>Retries chosen per webhook, and replay by filter.</summary>
public class RetryByFilterTests : ReceiverTest
{
    [Theory, Providers]
    public async Task WebhooksOwnSchedule_ReplacesTheDefaults_ItsLastDelayRepeating(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        // The default schedule waits 0 s, 5 s, then 5 minutes: the fourth attempt would come minutes later.
        var (webhook, number) = await WebhookAsync(tenant, new { retrySchedule = new[] { 0 }, retryWindowSeconds = 600 });
        Assert.Equal([0], webhook.GetProperty("retrySchedule").EnumerateArray().Select(e => e.GetInt32()));
        Receiver.RespondWith(r => r.Sequence <= 3 ? new ReceiverResponse(500) : ReceiverResponse.Ok);

        await tenant.Client.PostOk("/api/v1/calls/events", new { type = "call.begin", callid = Guid.NewGuid().ToString(), tracking = number, ani = "7776734736" });

        await Receiver.WaitForRequestsAsync(4, TimeSpan.FromSeconds(15));
    }

    [Theory, Providers]
    public async Task WebhooksOwnWindow_EndsItsRetries_AndTheDeliveryIsFailed(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var (webhook, number) = await WebhookAsync(tenant, new { retrySchedule = new[] { 1 }, retryWindowSeconds = 2 });
        Receiver.RespondWith(_ => new ReceiverResponse(500));
        var callId = Guid.NewGuid().ToString();

        await tenant.Client.PostOk("/api/v1/calls/events", new { type = "call.begin", callid = callId, tracking = number, ani = "7776734736" });

        var clock = Stopwatch.StartNew();
        string? status = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(20) && status != "failed")
        {
            await Task.Delay(200);
            status = (await tenant.Client.GetOk($"/api/v1/deliveries?callId={callId}")).EnumerateArray().Single().GetProperty("status").GetString();
        }
        Assert.Equal("failed", status);
        Assert.InRange(Receiver.Requests.Count, 2, 4);
        Assert.Equal(webhook.GetProperty("id").GetString(), (await tenant.Client.GetOk($"/api/v1/deliveries?callId={callId}"))[0].GetProperty("webhookId").GetString());
    }

    [Theory, Providers]
    public async Task RetrySettings_OutOfBounds_AreRefused_KeyedByField(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        foreach (var (settings, field) in new (object Settings, string Field)[]
        {
            (new { retrySchedule = Enumerable.Repeat(1, 31).ToArray() }, "retrySchedule"),
            (new { retrySchedule = Array.Empty<int>() }, "retrySchedule"),
            (new { retrySchedule = new[] { 5, -1 } }, "retrySchedule"),
            (new { retrySchedule = new[] { 86_401 } }, "retrySchedule"),
            (new { retryWindowSeconds = 0 }, "retryWindowSeconds"),
            (new { retryWindowSeconds = 604_801 }, "retryWindowSeconds"),
        })
        {
            var body = JsonSerializer.SerializeToNode(new { name = "CRM", url = "https://crm.example.com/in", templateId = "builtin-standard-json" })!.AsObject();
            foreach (var (k, v) in JsonSerializer.SerializeToNode(settings)!.AsObject()) body[k] = v?.DeepClone();
            using var response = await tenant.Client.PostAsJsonAsync($"/api/v1/locations/{tenant.LocationId}/webhooks", body);
            Assert.Equal([field], (await response.Problem(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        }
        // The bounds themselves are accepted.
        await WebhookAsync(tenant, new { retrySchedule = Enumerable.Repeat(86_400, 30).ToArray(), retryWindowSeconds = 604_800 });
    }

    [Theory, Providers]
    public async Task RetryByFilter_QueuesEveryMatchingFailedDelivery_InTheBackground_AndOnlyTheGroupsOwn(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var other = await Tenant.CreateAsync(tenant.Server, "Other Dealer");
        var (webhook, _) = await WebhookAsync(tenant, new { });
        var (theirs, _) = await WebhookAsync(other, new { });
        var since = DateTimeOffset.UtcNow.AddHours(-1);
        await AddFailedAsync(tenant, webhook.GetProperty("id").GetString()!, 5_000, since.AddMinutes(1));
        await AddFailedAsync(tenant, webhook.GetProperty("id").GetString()!, 7, since.AddMinutes(-5)); // before since
        await AddFailedAsync(other, theirs.GetProperty("id").GetString()!, 9, since.AddMinutes(1));

        using (var missing = await tenant.Client.PostAsJsonAsync("/api/v1/deliveries/retry", new { status = "failed" }))
            Assert.Equal(["since"], (await missing.Problem(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        using (var foreign = await tenant.Client.PostAsJsonAsync("/api/v1/deliveries/retry", new { webhookId = theirs.GetProperty("id").GetString(), status = "failed", since }))
            await foreign.Problem(HttpStatusCode.NotFound);

        var clock = Stopwatch.StartNew();
        using var response = await tenant.Client.PostAsJsonAsync("/api/v1/deliveries/retry", new { status = "failed", since });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(5_000, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queued").GetInt32());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"answered after {clock.Elapsed}");

        await Receiver.WaitForRequestsAsync(5_000, TimeSpan.FromSeconds(180));
        Assert.Equal(5_000, Receiver.Requests.Select(r => r.Header("webhook-id")).Distinct().Count());
        await using var db = tenant.App.OpenDatabase();
        var theirsStill = db.Deliveries.Count(d => d.WebhookId == theirs.GetProperty("id").GetString() && d.Status == DeliveryStatus.Failed);
        Assert.Equal(9, theirsStill);
        var beforeSince = db.Deliveries.Count(d => d.WebhookId == webhook.GetProperty("id").GetString() && d.Status == DeliveryStatus.Failed);
        Assert.Equal(7, beforeSince);
    }

    private async Task<(JsonElement Webhook, string Number)> WebhookAsync(Tenant tenant, object settings)
    {
        var body = JsonSerializer.SerializeToNode(new { name = "CRM", url = Receiver.Url("/leads").ToString(), templateId = "builtin-standard-json" })!.AsObject();
        foreach (var (k, v) in JsonSerializer.SerializeToNode(settings)!.AsObject()) body[k] = v?.DeepClone();
        var webhook = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks", body);
        var number = CallSetup.NewNumber();
        await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/campaigns", new
        {
            name = "Spring radio", kind = "offline", trackingNumbers = new[] { number },
            webhooks = new[] { new { webhookId = webhook.GetProperty("id").GetString(), at = "begin" } },
        });
        return (webhook, number);
    }

    /// <summary>Failed deliveries as an outage leaves them, written straight to the table: thousands, without thousands of calls.</summary>
    private static async Task AddFailedAsync(Tenant tenant, string webhookId, int count, DateTimeOffset createdAt)
    {
        await using var db = tenant.App.OpenDatabase();
        for (var i = 0; i < count; i++)
        {
            var id = $"dlv_replay_{Guid.NewGuid():N}";
            db.Deliveries.Add(new Delivery
            {
                Id = id, GroupId = tenant.GroupId, WebhookId = webhookId, CallId = id, CallKey = id, At = "begin", Trigger = "campaign:begin",
                ContentType = "application/json", Body = """{"replayed": true}"""u8.ToArray(), Status = DeliveryStatus.Failed, Attempts = 8,
                CreatedAt = createdAt.AddMilliseconds(i), WindowStart = createdAt, NextAttemptAt = createdAt, LastError = "HTTP 503",
            });
        }
        await db.SaveChangesAsync();
    }
}
