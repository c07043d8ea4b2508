using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Calls;

public class CallIntakeTests : ReceiverTest
{
    private static string NewCallId() => Guid.NewGuid().ToString();

    private static JsonElement Body(ReceivedRequest request) => JsonDocument.Parse(request.Body).RootElement;

    [Theory, Providers]
    public async Task OfflineCampaign_FiresAtBeginAndEnd_WithTheCallsData(string provider)
    {
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver);
        var callId = NewCallId();
        await setup.Post(setup.Begin(callId));
        var begin = (await Receiver.WaitForRequestsAsync(1))[0];
        await setup.Post(CallSetup.End(callId));
        var end = (await Receiver.WaitForRequestsAsync(2))[1];

        var b = Body(begin);
        Assert.Equal(callId, b.GetProperty("callid").GetString());
        Assert.Equal(setup.Number, b.GetProperty("tracking").GetString());
        Assert.Equal("Freddy", b.GetProperty("first").GetString());
        Assert.Equal("Auto ID", b.GetProperty("location").GetString());
        Assert.Equal("Spring radio", b.GetProperty("campaign").GetString());
        Assert.Equal("south", b.GetProperty("region").GetProperty("Region").GetString());
        Assert.Equal(JsonValueKind.Null, b.GetProperty("duration").ValueKind);
        Assert.Equal(29, Body(end).GetProperty("duration").GetInt32());
        Assert.Equal("k-123", begin.Header("X-Api-Key"));
        Assert.Equal("application/json", begin.Header("Content-Type")?.Split(';')[0]);
        Assert.StartsWith("Hookline/", begin.Header("User-Agent"), StringComparison.Ordinal);
        Assert.StartsWith("dlv_", begin.Header("webhook-id"), StringComparison.Ordinal);
        Assert.StartsWith("v1,", begin.Header("webhook-signature"), StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task DigitalCampaign_FiresOnlyForCallsWithDniData(string provider)
    {
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, kind: "digital", moments: ["begin"]);
        var withoutDni = NewCallId();
        var withDni = NewCallId();
        await setup.Post(setup.Begin(withoutDni), setup.Begin(withDni, dni: true));
        var requests = await Receiver.WaitForRequestsAsync(1);
        await SettleAsync(setup.Tenant);
        Assert.Equal([withDni], Receiver.Requests.Select(r => Body(r).GetProperty("callid").GetString()));
        Assert.Equal("example.com", Body(requests[0]).GetProperty("landing").GetString());
    }

    [Theory, Providers]
    public async Task TreatmentOption_FiresAtSelect_OnlyForThePressedOption(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        // The webhook is created by the setup; the option webhooks reference it after creation, so build the menu second.
        var setup = await CallSetup.CreateAsync(tenant, Receiver, moments: []);
        var treatment = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/treatments", new
        {
            name = "Menu", question = "one",
            options = new object[]
            {
                new { digit = "1", name = "Sales", webhooks = new[] { new { webhookId = setup.WebhookId, at = "select" } } },
                new { digit = "2", name = "Service", webhooks = new[] { new { webhookId = setup.WebhookId, at = "end" } } },
            },
        });
        var campaign = await tenant.Client.GetOk($"/api/v1/campaigns/{setup.CampaignId}");
        await tenant.Client.PutOk($"/api/v1/campaigns/{setup.CampaignId}", new
        {
            name = "Spring radio", kind = "offline", trackingNumbers = new[] { setup.Number }, treatmentId = treatment.GetProperty("id").GetString(),
        });
        Assert.Equal(setup.Number, campaign.GetProperty("trackingNumbers")[0].GetString());

        var sales = NewCallId();
        var service = NewCallId();
        await setup.Post(setup.Begin(sales), CallSetup.Prompt(sales, "one", "1"), setup.Begin(service), CallSetup.Prompt(service, "one", "2"));
        var selected = (await Receiver.WaitForRequestsAsync(1))[0];
        Assert.Equal(sales, Body(selected).GetProperty("callid").GetString());
        Assert.Equal("1", Body(selected).GetProperty("steps")[0].GetProperty("pressed").GetString());

        await setup.Post(CallSetup.End(sales), CallSetup.End(service));
        var ended = (await Receiver.WaitForRequestsAsync(2))[1];
        await SettleAsync(tenant);
        Assert.Equal(2, Receiver.Requests.Count);
        Assert.Equal(service, Body(ended).GetProperty("callid").GetString());
    }

    [Theory, Providers]
    public async Task SameEventsSentTwice_ChangeNothing(string provider)
    {
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver);
        var callId = NewCallId();
        object[] events = [setup.Begin(callId), CallSetup.Prompt(callId, "one", "1"), CallSetup.End(callId)];
        await setup.Post(events);
        await setup.Post(events);
        await Receiver.WaitForRequestsAsync(2);
        await SettleAsync(setup.Tenant);
        Assert.Equal(2, Receiver.Requests.Count);
        var deliveries = await setup.Tenant.Client.GetOk($"/api/v1/deliveries?callId={callId}");
        Assert.Equal(2, deliveries.GetArrayLength());
    }

    [Theory, Providers]
    public async Task EndBeforeBegin_IsHeld_UntilTheBeginArrives_ThenBothGoInOrder(string provider)
    {
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver);
        var callId = NewCallId();
        await setup.Post(CallSetup.End(callId));
        await SettleAsync(setup.Tenant);
        Assert.Empty(Receiver.Requests);
        await setup.Post(setup.Begin(callId));
        var requests = await Receiver.WaitForRequestsAsync(2);
        Assert.Equal(JsonValueKind.Null, Body(requests[0]).GetProperty("duration").ValueKind);
        Assert.Equal(29, Body(requests[1]).GetProperty("duration").GetInt32());
    }

    [Theory, Providers]
    public async Task UnknownTrackingNumber_IsAccepted_AndFiresNothing(string provider)
    {
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver);
        using var response = await setup.Tenant.Client.PostAsJsonAsync("/api/v1/calls/events",
            new { type = "call.begin", callid = NewCallId(), tracking = CallSetup.NewNumber() });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        await SettleAsync(setup.Tenant);
        Assert.Empty(Receiver.Requests);
    }

    [Theory, Providers]
    public async Task MalformedEvents_Are400_NamingTheEvent_AndStoreNothing(string provider)
    {
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver);
        var good = NewCallId();
        using var response = await setup.Tenant.Client.PostAsJsonAsync("/api/v1/calls/events", new object[]
        {
            setup.Begin(good), new { type = "call.middle", callid = "x" }, new { type = "call.end" }, new { type = "call.begin", callid = "y", ani = new { nested = 1 } },
        });
        var fields = (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields();
        Assert.Contains("[1].type", fields);
        Assert.Contains("[2].callid", fields);
        Assert.Contains("[3].ani", fields);
        await SettleAsync(setup.Tenant);
        Assert.Empty(Receiver.Requests);
        Assert.Equal(0, (await setup.Tenant.Client.GetOk($"/api/v1/deliveries?callId={good}")).GetArrayLength());
    }

    [Theory, Providers]
    public async Task AValueOf4096Characters_IsAccepted_CountingAnEmojiAsOne_And4097AreNot(string provider)
    {
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, moments: ["begin"]);
        // 👍🏽 is two code points and four UTF-16 units, but one character to the person who typed it.
        var longest = string.Concat(Enumerable.Repeat("👍🏽", 4096));
        var callId = NewCallId();
        await setup.Post(new { type = "call.begin", callid = callId, tracking = setup.Number, ani_first_name = longest });
        var request = (await Receiver.WaitForRequestsAsync(1))[0];
        Assert.Equal(longest, Body(request).GetProperty("first").GetString());

        using var response = await setup.Tenant.Client.PostAsJsonAsync("/api/v1/calls/events",
            new { type = "call.begin", callid = NewCallId(), tracking = setup.Number, ani_first_name = longest + "x" });
        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["ani_first_name"], problem.ErrorFields());
        Assert.Contains("4096 characters", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Waits until the tenant has no pending delivery, so "nothing more arrives" is observed, not assumed.</summary>
    internal static async Task SettleAsync(Tenant tenant)
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await tenant.Client.GetOk("/api/v1/deliveries?status=pending")).GetArrayLength() == 0) return;
            await Task.Delay(50);
        }
        Assert.Fail("deliveries stayed pending for 5 s");
    }
}
