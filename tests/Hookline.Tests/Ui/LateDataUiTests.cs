using Hookline.Tests.Calls;
using Hookline.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Hookline.Tests.Ui;

/// <summary>The wizard's Conditions, Wait for and Send updates, and the webhook page's Skipped calls.</summary>
public class LateDataUiTests(BrowserFixture browser, ITestOutputHelper output) : UiTest(browser, output)
{
    private ILocator StepHeading(string name) => Page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 2, Exact = true });

    [Fact]
    public async Task TheWizard_TakesConditionsWaitForAndSendUpdates_AndTheWebhookPageListsSkippedCalls()
    {
        var (tenant, userName, password) = await GroupUserAsync("Late Motors");
        await using var receiver = await TestReceiver.StartAsync();
        await Page.GotoAsync("/sign-in");
        await SignInAsync(userName, password);
        await Expect(Heading("Locations")).ToBeVisibleAsync();

        await Page.GotoAsync($"/locations/{tenant.LocationId}/webhooks/new");
        await Field("Create Template").CheckAsync();
        await Field("Webhook Name").FillAsync("Answered CRM");
        await Field("URL").FillAsync(receiver.Url("/leads").ToString());
        await Field("Template Name").FillAsync("Late lead");
        await Field("Template Type").SelectOptionAsync(new SelectOptionValue { Label = "JSON" });
        await Field("Template Format").FillAsync(LateDataSetup.Template);
        await Button("Next").ClickAsync();
        await Expect(StepHeading("Field Mapping")).ToBeVisibleAsync();
        await Button("Next").ClickAsync();

        await Expect(StepHeading("Advanced Settings")).ToBeVisibleAsync();
        await Expect(Field("Data Point")).ToHaveCountAsync(0);
        await Button("Add condition").ClickAsync();
        await Field("Data Point").FillAsync("%no_such_point%");
        await Field("Operator").SelectOptionAsync("eq");
        await Page.Locator("#condition-value-0").FillAsync("ANSWER");
        await Button("Next").ClickAsync();
        // Refused beside the field, with the API's words, on this step.
        await Expect(Page.Locator("#condition-token-0-error")).ToContainTextAsync("is not a data point");
        await Expect(Field("Data Point")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(StepHeading("Advanced Settings")).ToBeVisibleAsync();

        await Field("Data Point").FillAsync("%dialstatus%");
        // An end-of-call data point: attached at the beginning, the condition would test it empty.
        await Expect(Page.Locator("#condition-0-warning")).ToContainTextAsync("%dialstatus% has no value at the beginning of a call");
        await Field("Wait for").SelectOptionAsync(["%rec_audiourl%"]);
        await Field("Wait at most (minutes)").FillAsync("20");
        await Field("Send updates").CheckAsync();
        await ShotAsync("advanced-settings");
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await ShotAsync("advanced-settings-phone");
        await Page.SetViewportSizeAsync(Laptop.Width, Laptop.Height);
        await Button("Next").ClickAsync();

        await Expect(StepHeading("Summary")).ToBeVisibleAsync();
        var summary = Page.Locator("dl.summary");
        foreach (var text in new[] { "%dialstatus% eq ANSWER", "%rec_audiourl%, at most 20 minutes", "Send updates", "Yes" })
            await Expect(summary).ToContainTextAsync(text);
        await ShotAsync("summary");
        await Button("Finish").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Webhook Management" })).ToHaveAttributeAsync("aria-selected", "true");

        var webhook = (await tenant.Client.GetOk($"/api/v1/locations/{tenant.LocationId}/webhooks")).EnumerateArray().Single();
        var webhookId = webhook.GetProperty("id").GetString()!;
        var condition = webhook.GetProperty("conditions").EnumerateArray().Single();
        Assert.Equal(["%dialstatus%", "eq", "ANSWER"],
            [condition.GetProperty("token").GetString()!, condition.GetProperty("op").GetString()!, condition.GetProperty("value").GetString()!]);
        Assert.Equal(1200, webhook.GetProperty("waitFor").GetProperty("maxSeconds").GetInt32());
        Assert.Equal("%rec_audiourl%", webhook.GetProperty("waitFor").GetProperty("tokens")[0].GetString());
        Assert.True(webhook.GetProperty("sendUpdates").GetBoolean());

        // A call the condition skips, listed on the webhook's page.
        var number = CallSetup.NewNumber();
        await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/campaigns", new
        {
            name = "Spring radio", kind = "offline", trackingNumbers = new[] { number }, webhooks = new[] { new { webhookId, at = "end" } },
        });
        var callId = LateDataSetup.NewCallId();
        await tenant.Client.PostOk("/api/v1/calls/events", new object[]
        {
            new { type = "call.begin", callid = callId, tracking = number, ani = "7776734736" },
            LateDataSetup.End(callId, "NOANSWER"),
        });
        await Page.GotoAsync($"/webhooks/{webhookId}");
        var skipped = Page.GetByRole(AriaRole.Region, new() { Name = "Skipped calls", Exact = true });
        await Expect(skipped).ToContainTextAsync(callId);
        await Expect(skipped).ToContainTextAsync("%dialstatus% eq ANSWER");
        await ShotAsync("webhook-page");
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await ShotAsync("webhook-page-phone");

        // Edit keeps what was set.
        await Page.SetViewportSizeAsync(Laptop.Width, Laptop.Height);
        await Page.GotoAsync($"/webhooks/{webhookId}/edit");
        await Button("Next").ClickAsync();
        await Expect(StepHeading("Field Mapping")).ToBeVisibleAsync();
        await Button("Next").ClickAsync();
        await Expect(Field("Data Point")).ToHaveValueAsync("%dialstatus%");
        await Expect(Field("Wait at most (minutes)")).ToHaveValueAsync("20");
        await Expect(Field("Send updates")).ToBeCheckedAsync();
    }
}
