using System.Diagnostics;
using System.Text.Json;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Calls;

public class WaitForTests : ReceiverTest
{
    private const string Recording = "https://rec.example.com/093cc03c.mp3";

    [Theory, Providers]
    public async Task EndWaits_ThenGoesAsSoonAsAnUpdateBringsTheRecording(string provider)
    {
        var setup = await LateDataSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, ["begin", "end"],
            waitFor: new { tokens = new[] { "%rec_audiourl%" }, maxSeconds = 600 });
        var callId = LateDataSetup.NewCallId();
        await setup.Post(setup.Begin(callId), LateDataSetup.End(callId));
        await Receiver.WaitForRequestsAsync(1);
        await Task.Delay(1000);
        Assert.Single(Receiver.Requests); // the begin; the end waits

        await setup.Post(new { type = "call.update", callid = callId, rec_audiourl = Recording });
        var end = LateDataSetup.Body((await Receiver.WaitForRequestsAsync(2, TimeSpan.FromSeconds(10)))[1]);
        Assert.Equal(Recording, end.GetProperty("recording").GetString());
        Assert.Equal("call_end", end.GetProperty("event").GetString());
        Assert.Equal("resend", end.GetProperty("status").GetString());
        await CallIntakeTests.SettleAsync(setup.Tenant);
        Assert.Equal(2, Receiver.Requests.Count);
    }

    [Theory, Providers]
    public async Task EndWithoutTheRecording_IsSentAtTheDeadline_WithTheRecordingEmpty(string provider)
    {
        var setup = await LateDataSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, ["end"],
            waitFor: new { tokens = new[] { "%rec_audiourl%" }, maxSeconds = 2 });
        var callId = LateDataSetup.NewCallId();
        await setup.Post(setup.Begin(callId));
        var clock = Stopwatch.StartNew();
        await setup.Post(LateDataSetup.End(callId));

        var end = LateDataSetup.Body((await Receiver.WaitForRequestsAsync(1, TimeSpan.FromSeconds(15)))[0]);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(8));
        Assert.True(end.GetProperty("recording") is { ValueKind: JsonValueKind.Null } or { ValueKind: JsonValueKind.String } && end.GetProperty("recording").ToString().Length == 0);
        Assert.Equal("ANSWER", end.GetProperty("dialstatus").GetString());
    }

    [Theory, Providers]
    public async Task HeldEnd_WaitsFromWhenItWasAccepted_NotFromWhenItsBeginCame(string provider)
    {
        var setup = await LateDataSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, ["end"],
            waitFor: new { tokens = new[] { "%rec_audiourl%" }, maxSeconds = 4 });
        var callId = LateDataSetup.NewCallId();
        var clock = Stopwatch.StartNew();
        await setup.Post(LateDataSetup.End(callId)); // before its begin: held
        await Task.Delay(3000);
        await setup.Post(setup.Begin(callId));

        await Receiver.WaitForRequestsAsync(1, TimeSpan.FromSeconds(15));
        // 4 s after the end was accepted; counted from the begin it would be 7 s.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3.9), TimeSpan.FromSeconds(6.5));
    }

    [Theory, Providers]
    public async Task WaitingEnd_IsNeitherTheProbeNorPartOfTheDrain_WhenItsWebhookComesBackUp(string provider)
    {
        var setup = await LateDataSetup.CreateAsync(await Tenant.CreateAsync(provider, profile: HooklineApp.FastRetries), Receiver, ["begin", "end"],
            waitFor: new { tokens = new[] { "%rec_audiourl%" }, maxSeconds = 600 });
        var waiting = LateDataSetup.NewCallId();
        await setup.Post(setup.Begin(waiting), LateDataSetup.End(waiting));
        await Receiver.WaitForRequestsAsync(1); // its begin; its end waits, the oldest pending delivery of the webhook

        Receiver.RespondWith(_ => new ReceiverResponse(500));
        await setup.Post(setup.Begin(LateDataSetup.NewCallId()));
        for (var i = 0; i < 300 && (await setup.Tenant.Client.GetOk($"/api/v1/webhooks/{setup.WebhookId}/health")).GetProperty("state").GetString() != "down"; i++)
            await Task.Delay(50);
        Receiver.RespondWith(_ => ReceiverResponse.Ok);
        for (var i = 0; i < 300 && (await setup.Tenant.Client.GetOk($"/api/v1/webhooks/{setup.WebhookId}/health")).GetProperty("state").GetString() != "up"; i++)
            await Task.Delay(50);
        Assert.Equal("up", (await setup.Tenant.Client.GetOk($"/api/v1/webhooks/{setup.WebhookId}/health")).GetProperty("state").GetString());
        await Task.Delay(1000);
        Assert.DoesNotContain(Receiver.Requests, r => LateDataSetup.Body(r).GetProperty("event").GetString() == "call_end");

        await setup.Post(new { type = "call.update", callid = waiting, rec_audiourl = Recording });
        var end = await Receiver.WaitUntilAsync(rs => rs.Any(r => LateDataSetup.Body(r).GetProperty("event").GetString() == "call_end"), "the end", TimeSpan.FromSeconds(10));
        Assert.Equal(Recording, LateDataSetup.Body(end.Single(r => LateDataSetup.Body(r).GetProperty("event").GetString() == "call_end")).GetProperty("recording").GetString());
    }

    [Theory, Providers]
    public async Task WaitingEnd_KeepsWaitingAcrossARestart_AndIsSentOnTime(string provider)
    {
        Dictionary<string, string?> settings;
        LateDataSetup setup;
        var callId = LateDataSetup.NewCallId();
        Stopwatch clock;
        await using (var first = await HooklineApp.StartAsync(provider, HooklineApp.FastRetries))
        {
            settings = new Dictionary<string, string?>(first.Settings);
            setup = await LateDataSetup.CreateAsync(await Tenant.CreateAsync(first), Receiver, ["begin", "end"],
                waitFor: new { tokens = new[] { "%rec_audiourl%" }, maxSeconds = 5 });
            await setup.Post(setup.Begin(callId));
            await Receiver.WaitForRequestsAsync(1);
            clock = Stopwatch.StartNew();
            await setup.Post(LateDataSetup.End(callId));
        }
        Assert.Single(Receiver.Requests);

        await using var second = await HooklineApp.StartAsync(provider, settings);
        var requests = await Receiver.WaitForRequestsAsync(2, TimeSpan.FromSeconds(20));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4.9), TimeSpan.FromSeconds(12));
        Assert.Equal(["call_begin", "call_end"], requests.Select(r => LateDataSetup.Body(r).GetProperty("event").GetString()));
        Assert.Equal(callId, LateDataSetup.Body(requests[1]).GetProperty("callid").GetString());
        await Task.Delay(500);
        Assert.Equal(2, Receiver.Requests.Count);
    }
}
