using System.Net;
using System.Net.Http.Json;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Calls;

public class CallUpdateTests : ReceiverTest
{
    private const string Recording = "https://rec.example.com/093cc03c.mp3";

    [Theory, Providers]
    public async Task Update_BeforeTheEnd_IsMergedIntoTheEndDelivery(string provider)
    {
        var setup = await LateDataSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, ["end"]);
        var callId = LateDataSetup.NewCallId();
        await setup.Post(setup.Begin(callId), new { type = "call.update", callid = callId, rec_audiourl = Recording }, LateDataSetup.End(callId));

        var end = LateDataSetup.Body((await Receiver.WaitForRequestsAsync(1))[0]);
        Assert.Equal(Recording, end.GetProperty("recording").GetString());
        Assert.Equal("call_end", end.GetProperty("event").GetString());
    }

    [Theory, Providers]
    public async Task Update_ForACallNotSeenYet_IsHeld_AndWinsOverWhatTheBeginAndEndSay(string provider)
    {
        var setup = await LateDataSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, ["end"]);
        var callId = LateDataSetup.NewCallId();
        await setup.Post(new { type = "call.update", callid = callId, rec_audiourl = Recording, ani_first_name = "Fred" });
        await CallIntakeTests.SettleAsync(setup.Tenant);
        Assert.Empty(Receiver.Requests);

        await setup.Post(setup.Begin(callId));
        await setup.Post(LateDataSetup.End(callId));
        var end = LateDataSetup.Body((await Receiver.WaitForRequestsAsync(1))[0]);
        Assert.Equal(Recording, end.GetProperty("recording").GetString());
        Assert.Equal("Fred", end.GetProperty("first").GetString());
    }

    [Theory, Providers]
    public async Task SameUpdateTwice_ChangesNothing_WhateverTheOrderOfItsMembers(string provider)
    {
        var setup = await LateDataSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, ["end"], sendUpdates: true);
        var callId = LateDataSetup.NewCallId();
        await setup.Post(setup.Begin(callId), LateDataSetup.End(callId));
        await Receiver.WaitForRequestsAsync(1);
        await CallIntakeTests.SettleAsync(setup.Tenant);

        await setup.Post(new { type = "call.update", callid = callId, rec_audiourl = Recording, ani_city = "Los Angeles" });
        await Receiver.WaitForRequestsAsync(2);
        await setup.Post(new { ani_city = "Los Angeles", callid = callId, rec_audiourl = Recording, type = "call.update" });
        await setup.Post(new { type = "call.update", callid = callId, rec_audiourl = Recording, ani_city = "Los Angeles" });
        await CallIntakeTests.SettleAsync(setup.Tenant);

        Assert.Equal(2, Receiver.Requests.Count);
        Assert.Equal(2, (await setup.Tenant.Client.GetOk($"/api/v1/deliveries?callId={callId}")).GetArrayLength());
    }

    [Theory, Providers]
    public async Task UpdateTags_MergeOverTheCampaigns_ForConditions(string provider)
    {
        var setup = await LateDataSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, ["end"],
            conditions: new[] { new { token = "%tags.Region%", op = "eq", value = "north" } });
        var moved = LateDataSetup.NewCallId();
        var stayed = LateDataSetup.NewCallId();
        await setup.Post(setup.Begin(moved), setup.Begin(stayed),
            new { type = "call.update", callid = moved, tags = new Dictionary<string, string> { ["Region"] = "north" } },
            LateDataSetup.End(moved), LateDataSetup.End(stayed));

        var sent = (await Receiver.WaitForRequestsAsync(1))[0];
        await CallIntakeTests.SettleAsync(setup.Tenant);
        Assert.Single(Receiver.Requests);
        Assert.Equal(moved, LateDataSetup.Body(sent).GetProperty("callid").GetString());
        Assert.Equal(stayed, Assert.Single(await setup.SkippedAsync()).GetProperty("callId").GetString());
    }

    [Fact]
    public async Task Update_WithTagsThatAreNotAnObject_Is400_KeyedByTheField()
    {
        var tenant = await Tenant.CreateAsync(Databases.Sqlite);
        var response = await tenant.Client.PostAsJsonAsync("/api/v1/calls/events", new object[]
        {
            new { type = "call.update", callid = "c-1", tags = new[] { "north" } },
        });
        Assert.Equal(["[0].tags"], (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
    }
}
