using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Calls;

public class ConditionTests : ReceiverTest
{
    [Theory, Providers]
    public async Task AnsweredOnly_SendsTheAnsweredCall_AndLogsTheOtherAsSkipped(string provider)
    {
        var setup = await LateDataSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, ["end"],
            conditions: new[] { new { token = "%dialstatus%", op = "eq", value = "ANSWER" } });
        var answered = LateDataSetup.NewCallId();
        var missed = LateDataSetup.NewCallId();
        await setup.Post(setup.Begin(answered), setup.Begin(missed), LateDataSetup.End(missed, "NOANSWER"), LateDataSetup.End(answered));

        var sent = (await Receiver.WaitForRequestsAsync(1))[0];
        await CallIntakeTests.SettleAsync(setup.Tenant);
        Assert.Single(Receiver.Requests);
        Assert.Equal(answered, LateDataSetup.Body(sent).GetProperty("callid").GetString());
        Assert.Empty((await setup.Tenant.Client.GetOk($"/api/v1/deliveries?callId={missed}")).EnumerateArray());

        var skipped = Assert.Single(await setup.SkippedAsync());
        Assert.Equal(missed, skipped.GetProperty("callId").GetString());
        Assert.Equal("end", skipped.GetProperty("at").GetString());
        Assert.True(skipped.GetProperty("skippedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        var condition = skipped.GetProperty("condition");
        Assert.Equal("%dialstatus%", condition.GetProperty("token").GetString());
        Assert.Equal("eq", condition.GetProperty("op").GetString());
        Assert.Equal("ANSWER", condition.GetProperty("value").GetString());
    }

    [Theory, Providers]
    public async Task FirstTimeCallers_AreSentAtBegin_RepeatCallersAreSkipped(string provider)
    {
        var setup = await LateDataSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, ["begin"],
            conditions: new[] { new { token = "%repeat_caller%", op = "eq", value = (object)0 } });
        var first = LateDataSetup.NewCallId();
        var repeat = LateDataSetup.NewCallId();
        await setup.Post(setup.Begin(repeat, repeatCaller: "1"), setup.Begin(first, repeatCaller: "0"));

        var sent = (await Receiver.WaitForRequestsAsync(1))[0];
        await CallIntakeTests.SettleAsync(setup.Tenant);
        Assert.Single(Receiver.Requests);
        Assert.Equal(first, LateDataSetup.Body(sent).GetProperty("callid").GetString());
        Assert.Equal("new", LateDataSetup.Body(sent).GetProperty("status").GetString());
        var skipped = Assert.Single(await setup.SkippedAsync());
        Assert.Equal(repeat, skipped.GetProperty("callId").GetString());
        Assert.Equal("begin", skipped.GetProperty("at").GetString());
        Assert.Equal("0", skipped.GetProperty("condition").GetProperty("value").GetString());
    }

    [Theory, Providers]
    public async Task TagCondition_TestsTheCampaignsTag(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var south = await LateDataSetup.CreateAsync(tenant, Receiver, ["begin"],
            conditions: new[] { new { token = "%tags.Region%", op = "in", value = new[] { "south", "east" } } });
        var north = await LateDataSetup.CreateAsync(tenant, Receiver, ["begin"],
            conditions: new[] { new { token = "%tags.Region%", op = "eq", value = "north" } });
        var callId = LateDataSetup.NewCallId();
        var other = LateDataSetup.NewCallId();
        await south.Post(south.Begin(callId), north.Begin(other));

        var sent = (await Receiver.WaitForRequestsAsync(1))[0];
        await CallIntakeTests.SettleAsync(tenant);
        Assert.Single(Receiver.Requests);
        Assert.Equal(callId, LateDataSetup.Body(sent).GetProperty("callid").GetString());
        Assert.Empty(await south.SkippedAsync());
        var skipped = Assert.Single(await north.SkippedAsync());
        Assert.Equal(other, skipped.GetProperty("callId").GetString());
        Assert.Equal("%tags.Region%", skipped.GetProperty("condition").GetProperty("token").GetString());
    }

    [Theory, Providers]
    public async Task Conditions_AreStored_AndShownAsSent(string provider)
    {
        var setup = await LateDataSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, ["end"], conditions: new object[]
        {
            new { token = "answered_time", op = "gte", value = (object)30 },
            new { token = "%dialstatus%", op = "in", value = new[] { "ANSWER", "BUSY" } },
            new { token = "%rec_audiourl%", op = "notEmpty" },
        });
        var webhook = await setup.Tenant.Client.GetOk($"/api/v1/webhooks/{setup.WebhookId}");
        var conditions = webhook.GetProperty("conditions").EnumerateArray().ToList();
        Assert.Equal(["%answered_time%", "%dialstatus%", "%rec_audiourl%"], conditions.Select(c => c.GetProperty("token").GetString()));
        Assert.Equal(["gte", "in", "notEmpty"], conditions.Select(c => c.GetProperty("op").GetString()));
        Assert.Equal("30", conditions[0].GetProperty("value").GetString());
        Assert.Equal(["ANSWER", "BUSY"], conditions[1].GetProperty("value").EnumerateArray().Select(v => v.GetString()));
        Assert.False(conditions[2].TryGetProperty("value", out var none) && none.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task BadConditions_Are422_WithErrorsKeyedByConditionAndField()
    {
        var tenant = await Tenant.CreateAsync(Databases.Sqlite);
        var template = await tenant.Client.PostOk("/api/v1/templates", new { name = "lead", type = "json", format = LateDataSetup.Template });
        var response = await tenant.Client.PostAsJsonAsync($"/api/v1/locations/{tenant.LocationId}/webhooks", new
        {
            name = "CRM", url = "http://127.0.0.1:9/x", templateId = template.GetProperty("id").GetString(),
            conditions = new object[]
            {
                new { token = "%no_such_point%", op = "eq", value = "x" },
                new { token = "%dialstatus%", op = "between", value = "x" },
                new { token = "%answered_time%", op = "gt", value = "long" },
            },
            waitFor = new { tokens = new[] { "%rec_audiourl%", "%nope%" }, maxSeconds = 0 },
        });
        var problem = await response.Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["conditions[0].token", "conditions[1].op", "conditions[2].value", "waitFor.maxSeconds", "waitFor.tokens[1]"],
            problem.ErrorFields().Order(StringComparer.Ordinal));
    }

    [Theory, Providers]
    public async Task Skipped_IsNotFound_ForAnotherGroupsWebhook_AndChecksItsLimit(string provider)
    {
        var setup = await LateDataSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, ["end"]);
        var other = await Tenant.CreateAsync(setup.Tenant.Server, "Other Motors");
        var response = await other.Client.GetAsync(new Uri($"/api/v1/webhooks/{setup.WebhookId}/skipped", UriKind.Relative));
        await response.Problem(HttpStatusCode.NotFound);
        var missing = await setup.Tenant.Client.GetAsync(new Uri("/api/v1/webhooks/wh_nope/skipped", UriKind.Relative));
        await missing.Problem(HttpStatusCode.NotFound);
        var tooMany = await setup.Tenant.Client.GetAsync(new Uri($"/api/v1/webhooks/{setup.WebhookId}/skipped?limit=1001", UriKind.Relative));
        Assert.Equal(["limit"], (await tooMany.Problem(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Empty(await setup.SkippedAsync());
    }

    [Theory, Providers]
    public async Task SkipLog_KeepsTheNewestThousandPerWebhook(string provider)
    {
        var setup = await LateDataSetup.CreateAsync(await Tenant.CreateAsync(provider), Receiver, ["begin"],
            conditions: new[] { new { token = "%repeat_caller%", op = "eq", value = "0" } });
        var first = Enumerable.Range(0, 1000).Select(_ => LateDataSetup.NewCallId()).ToList();
        var last = Enumerable.Range(0, 5).Select(_ => LateDataSetup.NewCallId()).ToList();
        await setup.Post([.. first.Select(id => setup.Begin(id, repeatCaller: "1"))]);
        foreach (var id in last) await setup.Post(setup.Begin(id, repeatCaller: "1"));

        var kept = (await setup.Tenant.Client.GetOk($"/api/v1/webhooks/{setup.WebhookId}/skipped?limit=1000")).EnumerateArray()
            .Select(s => s.GetProperty("callId").GetString()).ToList();
        Assert.Equal(1000, kept.Count);
        Assert.Equal(Enumerable.Reverse(last), kept.Take(5));
        Assert.DoesNotContain(first[4], kept);
        Assert.Contains(first[5], kept);
        Assert.Equal(50, (await setup.SkippedAsync()).Count);
        Assert.Empty(Receiver.Requests);
    }
}
