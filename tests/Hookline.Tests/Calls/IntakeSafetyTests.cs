using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Calls;

/// <summary>What one group's key, or a hostile payload, cannot do to the intake.</summary>
public class IntakeSafetyTests : ReceiverTest
{
    private static JsonElement Body(ReceivedRequest request) => JsonDocument.Parse(request.Body).RootElement;

    [Theory, Providers]
    public async Task AnotherGroupsKey_CannotHoldBackOrChangeACall(string provider)
    {
        var victim = await CallSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, moments: ["begin", "end"]);
        var attacker = await Tenant.CreateAsync(provider, "Intruder Inc");
        var callId = Guid.NewGuid().ToString();

        // The attacker sends, with its own key, a begin on the victim's number and an end with false data, first.
        await attacker.Client.PostOk("/api/v1/calls/events", new object[]
        {
            new { type = "call.begin", callid = callId, tracking = victim.Number, ani = "0000000000" },
            new { type = "call.end", callid = callId, dialstatus = "INJECTED", answered_time = 999 },
        });
        // Then the telephony platform (an admin key) reports the real call.
        await victim.Tenant.App.Client().PostOk("/api/v1/calls/events", new[] { victim.Begin(callId), CallSetup.End(callId) });

        var requests = await Receiver.WaitForRequestsAsync(2);
        await CallIntakeTests.SettleAsync(victim.Tenant);
        Assert.Equal(2, Receiver.Requests.Count);
        Assert.Equal("7776734736", Body(requests[0]).GetProperty("phone").GetString());
        Assert.Equal(29, Body(requests[1]).GetProperty("duration").GetInt32());
        Assert.DoesNotContain("INJECTED", requests[1].BodyText, StringComparison.Ordinal);
        Assert.Equal(0, (await attacker.Client.GetOk("/api/v1/deliveries")).GetArrayLength());
    }

    [Theory]
    [InlineData(Databases.Sqlite, true)]
    [InlineData(Databases.Sqlite, false)]
    [InlineData(Databases.Postgres, true)]
    [InlineData(Databases.Postgres, false)]
    public async Task TheAdminKeyAndTheGroupsKey_PostingOneCallId_MakeTwoCalls_EachWithAllItsDeliveries(string provider, bool adminFirst)
    {
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, moments: ["begin", "end"]);
        var admin = setup.Tenant.App.Client();
        var callId = Guid.NewGuid().ToString();
        object[] events = [setup.Begin(callId), CallSetup.End(callId)];

        if (adminFirst)
        {
            await admin.PostOk("/api/v1/calls/events", events);
            await setup.Post(events);
        }
        else
        {
            await setup.Post(events);
            await admin.PostOk("/api/v1/calls/events", events);
        }

        await Receiver.WaitForRequestsAsync(4);
        await CallIntakeTests.SettleAsync(setup.Tenant);
        var moments = Receiver.Requests.Select(r => Body(r).GetProperty("duration").ValueKind == JsonValueKind.Null ? "begin" : "end").ToList();
        Assert.Equal(2, moments.Count(m => m == "begin"));
        Assert.Equal(2, moments.Count(m => m == "end"));
        var deliveries = await setup.DeliveriesAsync(callId);
        Assert.Equal(4, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal("delivered", d.GetProperty("status").GetString()));
    }

    [Theory, Providers]
    public async Task AGroupsOwnKey_PostsForItsOwnNumbers(string provider)
    {
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, moments: ["begin"]);
        await setup.Post(setup.Begin(Guid.NewGuid().ToString()));
        await Receiver.WaitForRequestsAsync(1);
    }

    [Theory, Providers]
    public async Task APromptBeforeItsBegin_StillFiresTheOptionsSelectWebhook(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var setup = await CallSetup.CreateAsync(tenant, Receiver, moments: []);
        var treatment = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/treatments", new
        {
            name = "Menu", options = new[] { new { digit = "1", name = "Sales", webhooks = new[] { new { webhookId = setup.WebhookId, at = "select" } } } },
        });
        await tenant.Client.PutOk($"/api/v1/campaigns/{setup.CampaignId}", new
        {
            name = "Spring radio", kind = "offline", trackingNumbers = new[] { setup.Number }, treatmentId = treatment.GetProperty("id").GetString(),
        });
        var callId = Guid.NewGuid().ToString();
        await setup.Post(CallSetup.Prompt(callId, "one", "1"), setup.Begin(callId));
        var request = (await Receiver.WaitForRequestsAsync(1))[0];
        Assert.Equal("1", Body(request).GetProperty("steps")[0].GetProperty("pressed").GetString());
    }

    [Theory, Providers]
    public async Task AnEscapedLoneSurrogate_Is400_NotAServerError(string provider)
    {
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, moments: ["begin"]);
        const string Event = """{"type": "call.begin", "callid": "c-1", "tracking": "5551234567", "ani_first_name": "\ud800"}""";
        using (var intake = await setup.Tenant.Client.PostAsync("/api/v1/calls/events", new StringContent(Event, Encoding.UTF8, "application/json")))
            Assert.Contains("ani_first_name", (await intake.Problem(HttpStatusCode.BadRequest)).ErrorFields());
        using var preview = await setup.Tenant.Client.PostAsync("/api/v1/templates/builtin-standard-json/preview",
            new StringContent("""{"at": "end", "call": {"ani": "\udc00"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, preview.StatusCode);
        using var location = await setup.Tenant.Client.PostAsync("/api/v1/locations",
            new StringContent("""{"name": "\ud800"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, location.StatusCode);
    }

    [Theory, Providers]
    public async Task AResponseWithNulBytes_IsRecorded_AndDoesNotStopTheDispatcher(string provider)
    {
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(provider, profile: HooklineApp.FastRetries), Receiver, moments: ["begin"]);
        Receiver.Enqueue(new ReceiverResponse(Body: "ok\0!"));
        var first = Guid.NewGuid().ToString();
        var second = Guid.NewGuid().ToString();
        await setup.Post(setup.Begin(first));
        await Receiver.WaitForRequestsAsync(1);
        await setup.Post(setup.Begin(second));
        await Receiver.WaitForRequestsAsync(2);
        await CallIntakeTests.SettleAsync(setup.Tenant);
        var delivery = await setup.Tenant.Client.GetOk($"/api/v1/deliveries/{(await setup.DeliveriesAsync(first))[0].GetProperty("id").GetString()}");
        Assert.Equal("delivered", delivery.GetProperty("status").GetString());
        Assert.Equal("ok!", delivery.GetProperty("attempts")[0].GetProperty("responseExcerpt").GetString());
    }

    [Theory, Providers]
    public async Task DeletingAWebhookWithPendingDeliveries_NeedsForce(string provider)
    {
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, moments: ["begin"]);
        await Receiver.StopAsync();
        await setup.Post(setup.Begin(Guid.NewGuid().ToString()));
        await setup.Tenant.Client.PutOk($"/api/v1/campaigns/{setup.CampaignId}", new { name = "Spring radio", kind = "offline" });
        using (var refused = await setup.Tenant.Client.DeleteAsync($"/api/v1/webhooks/{setup.WebhookId}"))
            Assert.Contains("deliveries", (await refused.Problem(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var forced = await setup.Tenant.Client.DeleteAsync($"/api/v1/webhooks/{setup.WebhookId}?force=true");
        Assert.Equal(HttpStatusCode.NoContent, forced.StatusCode);
    }
}
