using System.Net.Http.Json;
using System.Text.Json;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Deliveries;

/// <summary>What the dispatcher does with each answer: deliver, retry on the schedule, honour Retry-After, keep order.</summary>
public class DeliveryRetryTests : ReceiverTest
{
    private static string NewCallId() => Guid.NewGuid().ToString();

    private async Task<CallSetup> SetupAsync(string provider, string[]? moments = null, int[]? successCodes = null) =>
        await CallSetup.CreateAsync(await Tenant.CreateAsync(provider, profile: HooklineApp.FastRetries), Receiver,
            moments: moments ?? ["begin"], successCodes: successCodes);

    private static async Task<JsonElement> WaitForStatusAsync(CallSetup setup, string deliveryId, string status)
    {
        for (var i = 0; i < 200; i++)
        {
            var delivery = await setup.Tenant.Client.GetOk($"/api/v1/deliveries/{deliveryId}");
            if (delivery.GetProperty("status").GetString() == status) return delivery;
            await Task.Delay(50);
        }
        throw new TimeoutException($"delivery {deliveryId} never became {status}");
    }

    private static int?[] StatusCodes(JsonElement delivery) =>
        [.. delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").ValueKind == JsonValueKind.Null ? (int?)null : a.GetProperty("statusCode").GetInt32())];

    [Theory]
    [InlineData(Databases.Sqlite, 500)]
    [InlineData(Databases.Postgres, 500)]
    [InlineData(Databases.Sqlite, 302)]
    [InlineData(Databases.Sqlite, 404)]
    [InlineData(Databases.Postgres, 429)]
    public async Task Delivery_IsRetried_UntilTheReceiverAccepts(string provider, int failure)
    {
        var setup = await SetupAsync(provider);
        Receiver.Enqueue(new ReceiverResponse(failure, Location: "http://127.0.0.1:9/elsewhere"), new ReceiverResponse(failure), ReceiverResponse.Ok);
        var callId = NewCallId();
        await setup.Post(setup.Begin(callId));
        var requests = await Receiver.WaitForRequestsAsync(3);
        var id = (await setup.DeliveriesAsync(callId))[0].GetProperty("id").GetString()!;
        var delivery = await WaitForStatusAsync(setup, id, "delivered");

        Assert.Equal([failure, failure, 200], StatusCodes(delivery));
        Assert.All(requests, r => Assert.Equal(id, r.Header("webhook-id")));
        Assert.All(requests, r => Assert.Equal("/leads", r.Path)); // a 3xx is a failure, never followed
    }

    [Theory, Providers]
    public async Task OnlyTheWebhooksSuccessCodes_CountAsDelivered(string provider)
    {
        var setup = await SetupAsync(provider, successCodes: [201]);
        Receiver.Enqueue(ReceiverResponse.Ok, new ReceiverResponse(201));
        var callId = NewCallId();
        await setup.Post(setup.Begin(callId));
        await Receiver.WaitForRequestsAsync(2);
        var delivery = await WaitForStatusAsync(setup, (await setup.DeliveriesAsync(callId))[0].GetProperty("id").GetString()!, "delivered");
        Assert.Equal([200, 201], StatusCodes(delivery));
    }

    [Theory, Providers]
    public async Task Timeout_IsAFailedAttempt_ThenRetried(string provider)
    {
        var setup = await SetupAsync(provider);
        Receiver.Enqueue(new ReceiverResponse(Delay: TimeSpan.FromSeconds(3)), ReceiverResponse.Ok);
        var callId = NewCallId();
        await setup.Post(setup.Begin(callId));
        var delivery = await WaitForStatusAsync(setup, (await setup.DeliveriesAsync(callId))[0].GetProperty("id").GetString()!, "delivered");
        var first = delivery.GetProperty("attempts")[0];
        Assert.Equal(JsonValueKind.Null, first.GetProperty("statusCode").ValueKind);
        Assert.Contains("timed out", first.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory, Providers]
    public async Task RefusedConnection_IsRetried_UntilTheReceiverIsBack(string provider)
    {
        var setup = await SetupAsync(provider);
        await Receiver.StopAsync();
        var callId = NewCallId();
        await setup.Post(setup.Begin(callId));
        var id = (await setup.DeliveriesAsync(callId))[0].GetProperty("id").GetString()!;
        for (var i = 0; i < 100 && (await setup.Tenant.Client.GetOk($"/api/v1/deliveries/{id}")).GetProperty("attempts").GetArrayLength() < 2; i++)
            await Task.Delay(50);
        await Receiver.RestartAsync();
        var delivery = await WaitForStatusAsync(setup, id, "delivered");
        Assert.True(delivery.GetProperty("attempts").GetArrayLength() >= 3);
        Assert.NotNull(delivery.GetProperty("attempts")[0].GetProperty("error").GetString());
    }

    [Theory, Providers]
    public async Task RetryAfter_OnA503_DelaysTheNextAttempt(string provider)
    {
        var setup = await SetupAsync(provider);
        Receiver.Enqueue(new ReceiverResponse(503, RetryAfter: "1"), ReceiverResponse.Ok);
        await setup.Post(setup.Begin(NewCallId()));
        var requests = await Receiver.WaitForRequestsAsync(2);
        // The schedule alone would retry after 0.1 s; the receiver asked for 1 s.
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(900),
            $"retried after {(requests[1].ReceivedAt - requests[0].ReceivedAt).TotalMilliseconds} ms");
    }

    [Theory, Providers]
    public async Task EndWaitsForBegin_EvenWhileBeginIsRetried(string provider)
    {
        var setup = await SetupAsync(provider, moments: ["begin", "end"]);
        Receiver.Enqueue(new ReceiverResponse(500), new ReceiverResponse(500), new ReceiverResponse(500));
        var callId = NewCallId();
        await setup.Post(setup.Begin(callId), CallSetup.End(callId));
        var requests = await Receiver.WaitForRequestsAsync(5);
        var kinds = requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("duration").ValueKind == JsonValueKind.Null ? "begin" : "end").ToList();
        Assert.Equal(["begin", "begin", "begin", "begin", "end"], kinds);
    }

    [Theory, Providers]
    public async Task Detail_ShowsTheRequestWithSecretsMasked_AndEveryAttempt(string provider)
    {
        var setup = await SetupAsync(provider);
        Receiver.Enqueue(new ReceiverResponse(500, Body: "database unavailable"), ReceiverResponse.Ok);
        var callId = NewCallId();
        await setup.Post(setup.Begin(callId));
        var delivery = await WaitForStatusAsync(setup, (await setup.DeliveriesAsync(callId))[0].GetProperty("id").GetString()!, "delivered");

        Assert.DoesNotContain("k-123", delivery.GetRawText(), StringComparison.Ordinal);
        var request = delivery.GetProperty("request");
        Assert.Equal("POST", request.GetProperty("method").GetString());
        Assert.Equal(Receiver.Url("/leads").ToString(), request.GetProperty("url").GetString());
        Assert.Contains(request.GetProperty("headers").EnumerateArray(), h => h.GetProperty("name").GetString() == "X-Api-Key" && h.GetProperty("value").GetString() == "********");
        Assert.Contains(callId, request.GetProperty("body").GetString(), StringComparison.Ordinal);
        var attempts = delivery.GetProperty("attempts");
        Assert.Equal("database unavailable", attempts[0].GetProperty("responseExcerpt").GetString());
        Assert.Equal("begin", delivery.GetProperty("at").GetString());
        Assert.Equal(callId, delivery.GetProperty("callId").GetString());
    }

    [Theory, Providers]
    public async Task ManualRetry_SendsADeliveredDeliveryAgain_WithTheSameId(string provider)
    {
        var setup = await SetupAsync(provider);
        var callId = NewCallId();
        await setup.Post(setup.Begin(callId));
        await Receiver.WaitForRequestsAsync(1);
        var id = (await setup.DeliveriesAsync(callId))[0].GetProperty("id").GetString()!;
        await WaitForStatusAsync(setup, id, "delivered");
        using var retry = await setup.Tenant.Client.PostAsync($"/api/v1/deliveries/{id}/retry", null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, retry.StatusCode);
        var requests = await Receiver.WaitForRequestsAsync(2);
        Assert.Equal(id, requests[1].Header("webhook-id"));
    }

    [Theory, Providers]
    public async Task TestSend_DeliversTheExampleCall_AndStoresNothing(string provider)
    {
        var setup = await SetupAsync(provider);
        var result = await setup.Tenant.Client.PostOk($"/api/v1/webhooks/{setup.WebhookId}/test", new { });
        Assert.True(result.GetProperty("delivered").GetBoolean());
        Assert.Equal(200, result.GetProperty("statusCode").GetInt32());
        var body = JsonDocument.Parse((await Receiver.WaitForRequestsAsync(1))[0].Body).RootElement;
        Assert.Equal("7776734736", body.GetProperty("phone").GetString());
        Assert.Equal("Auto ID", body.GetProperty("location").GetString());
        Assert.Equal(0, (await setup.Tenant.Client.GetOk($"/api/v1/deliveries?webhookId={setup.WebhookId}")).GetArrayLength());
    }
}
