using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Calls;

public class SendUpdatesTests : ReceiverTest
{
    private const string Recording = "https://rec.example.com/093cc03c.mp3";

    [Theory, Providers]
    public async Task UpdateChangingAUsedValue_IsSent_AndOneChangingNothingUsedIsNot(string provider)
    {
        var setup = await LateDataSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, ["end"], sendUpdates: true);
        var callId = LateDataSetup.NewCallId();
        await setup.Post(setup.Begin(callId), LateDataSetup.End(callId));
        await Receiver.WaitForRequestsAsync(1);

        await setup.Post(new { type = "call.update", callid = callId, ani_city = "Los Angeles" }); // not in the template
        await setup.Post(new { type = "call.update", callid = callId, rec_audiourl = Recording });
        var requests = await Receiver.WaitForRequestsAsync(2);
        await CallIntakeTests.SettleAsync(setup.Tenant);
        Assert.Equal(2, Receiver.Requests.Count);

        var end = LateDataSetup.Body(requests[0]);
        var update = LateDataSetup.Body(requests[1]);
        Assert.Equal("call_end", end.GetProperty("event").GetString());
        Assert.Equal("new", end.GetProperty("status").GetString());
        Assert.Equal("call_update", update.GetProperty("event").GetString());
        Assert.Equal("resend", update.GetProperty("status").GetString());
        Assert.Equal(Recording, update.GetProperty("recording").GetString());
        Assert.Equal("Freddy", update.GetProperty("first").GetString());
    }

    [Theory, Providers]
    public async Task WithoutSendUpdates_AnUpdateAfterTheEndSendsNothing(string provider)
    {
        var setup = await LateDataSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, ["end"]);
        var callId = LateDataSetup.NewCallId();
        await setup.Post(setup.Begin(callId), LateDataSetup.End(callId));
        await Receiver.WaitForRequestsAsync(1);
        await setup.Post(new { type = "call.update", callid = callId, rec_audiourl = Recording });
        await CallIntakeTests.SettleAsync(setup.Tenant);
        Assert.Single(Receiver.Requests);
    }

    [Theory, Providers]
    public async Task Order_IsBeginEndThenUpdates_WhenTheReceiverFailsTheEndTwice(string provider)
    {
        var setup = await LateDataSetup.CreateAsync(await Tenant.CreateAsync(provider, profile: HooklineApp.FastRetries), Receiver, ["begin", "end"],
            sendUpdates: true);
        var callId = LateDataSetup.NewCallId();
        await setup.Post(setup.Begin(callId));
        await Receiver.WaitForRequestsAsync(1);

        Receiver.Enqueue(new ReceiverResponse(500), new ReceiverResponse(500));
        await setup.Post(LateDataSetup.End(callId));
        await setup.Post(new { type = "call.update", callid = callId, rec_audiourl = Recording });
        await setup.Post(new { type = "call.update", callid = callId, ani_first_name = "Fred" });
        var requests = await Receiver.WaitForRequestsAsync(6, TimeSpan.FromSeconds(20));
        await CallIntakeTests.SettleAsync(setup.Tenant);

        Assert.Equal(["call_begin", "call_end", "call_end", "call_end", "call_update", "call_update"],
            requests.Select(r => LateDataSetup.Body(r).GetProperty("event").GetString()));
        Assert.Equal(["new", "resend", "resend", "resend", "resend", "resend"],
            requests.Select(r => LateDataSetup.Body(r).GetProperty("status").GetString()));
        Assert.Equal([Recording, Recording], requests.Skip(4).Select(r => LateDataSetup.Body(r).GetProperty("recording").GetString()));
        Assert.Equal("Fred", LateDataSetup.Body(requests[5]).GetProperty("first").GetString());
        Assert.Equal(6, Receiver.Requests.Count);
    }
}
