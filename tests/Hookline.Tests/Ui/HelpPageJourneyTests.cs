using System.Text.Json;
using System.Text.RegularExpressions;
using Hookline.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Hookline.Tests.Ui;

/// <summary>The help page's journey in the browser: a webhook, attached where calls happen, watched as it delivers.</summary>
public class HelpPageJourneyTests(BrowserFixture browser, ITestOutputHelper output) : LocationUiTest(browser, output)
{
    [Fact]
    public async Task AWebhookOnADigitalCampaign_DeliversAtTheEndOfTheCall_ShowsWhatWasSent_AndRetrySendsTheSameWebhookId()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var tenant = await SignedInAtLocationAsync("Journey Motors");
        await AddWebhookInTheWizardAsync(tenant, "Journey CRM", receiver.Url("/leads"));

        // "Once a webhook template has been created, you can enable webhooks at different areas of the system."
        await Tab("Campaigns").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Digital Campaigns" })).ToBeVisibleAsync();
        await ShotsAsync("campaigns-empty");
        await Link("Add Campaign").ClickAsync();
        var number = CallSetup.NewNumber();
        await Field("Campaign Name").FillAsync("Website");
        await Field("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Digital" });
        await Field("Tracking Numbers").FillAsync($"({number[..3]}) {number[3..6]}-{number[6..]}");
        await Field("Tag Name").FillAsync("Region");
        await Field("Tag Value").FillAsync("south");
        // "Click the Webhook Dropdown to select the webhook that was created."
        await Field("Webhook").SelectOptionAsync(new SelectOptionValue { Label = "Journey CRM" });
        await Field("Send at").SelectOptionAsync(new SelectOptionValue { Label = "End of call" });
        await ShotsAsync("add-campaign");
        await Button("Save").ClickAsync();

        var digital = Page.GetByRole(AriaRole.Region, new() { Name = "Digital Campaigns" });
        var row = digital.GetByRole(AriaRole.Row).Filter(new() { HasText = "Website" });
        await Expect(row).ToContainTextAsync(number);
        await Expect(row).ToContainTextAsync("Region: south");
        await Expect(row).ToContainTextAsync("Journey CRM (End of call)");
        await ShotsAsync("campaigns");

        // A call from the website: DNI data, then its end.
        var callId = NewCallId();
        await PostCallAsync(tenant, Begin(callId, number, dni: true), End(callId));
        var received = Assert.Single(await receiver.WaitForRequestsAsync(1));
        await DeliveriesOnceAsync(tenant, callId, d => d.Length == 1 && d[0].GetProperty("status").GetString() == "delivered", "delivered");

        await Tab("Deliveries").ClickAsync();
        await Expect(Tab("Deliveries")).ToHaveAttributeAsync("aria-selected", "true");
        var delivery = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = callId });
        await Expect(delivery).ToHaveCountAsync(1);
        await Expect(delivery).ToContainTextAsync("Delivered");
        await Expect(delivery).ToContainTextAsync("End of call");
        await Expect(delivery).ToContainTextAsync("Journey CRM");
        await Expect(delivery.GetByRole(AriaRole.Cell).Last).ToHaveTextAsync("200");
        await ShotsAsync("deliveries");

        await delivery.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Heading("Delivery")).ToBeVisibleAsync();
        await Expect(Page.Locator("dl.details").First).ToContainTextAsync("Delivered");
        // The body the receiver got: pretty-printed, and byte for byte under "as sent".
        var shown = await Page.Locator("pre.body").First.InnerTextAsync();
        Assert.Contains("\n  \"callid\": ", shown, StringComparison.Ordinal);
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(received.BodyText).RootElement, JsonDocument.Parse(shown).RootElement), shown);
        await Page.GetByText("The body as sent, byte for byte").ClickAsync();
        Assert.Equal(received.BodyText, await Page.GetByLabel("The body as sent").InnerTextAsync());
        // The request as sent, its secret masked; the attempt with the receiver's answer.
        var headers = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "X-Api-Key" });
        await Expect(headers).ToContainTextAsync("********");
        await Expect(Page.Locator("body")).Not.ToContainTextAsync("k-123-secret");
        await Expect(Page.Locator("main")).ToContainTextAsync(receiver.Url("/leads").ToString());
        var attempts = Page.GetByRole(AriaRole.Region, new() { Name = "Attempts" }).GetByRole(AriaRole.Row);
        await Expect(attempts).ToHaveCountAsync(2);
        await Expect(attempts.Nth(1)).ToContainTextAsync("200");
        await ShotsAsync("delivery");

        // "Error for retransmission once you're back online": Retry sends it again, as the same delivery.
        await Button("Retry").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("sent again");
        var again = await receiver.WaitForRequestsAsync(2);
        Assert.Equal(received.Header("webhook-id"), again[1].Header("webhook-id"));
        Assert.Equal(received.BodyText, again[1].BodyText);
        await DeliveriesOnceAsync(tenant, callId, d => d[0].GetProperty("attempts").GetInt32() == 2 && d[0].GetProperty("status").GetString() == "delivered", "two attempts");
        await Page.ReloadAsync();
        await Expect(attempts).ToHaveCountAsync(3);
        await ShotsAsync("retried");
    }

    [Fact]
    public async Task AnOfflineCampaignAtTheBeginning_AndATreatmentOptionWhenSelected_FireOnlyForTheirCalls()
    {
        await using var callLog = await TestReceiver.StartAsync();
        await using var salesCrm = await TestReceiver.StartAsync();
        var tenant = await SignedInAtLocationAsync("Treatment Motors");
        await AddWebhookAsync(tenant, "Call log", callLog.Url());
        await AddWebhookAsync(tenant, "Sales CRM", salesCrm.Url());

        // "Webhooks are set up on the 'Sales' extension so only callers who push 'Sales' will have calls sent to the CRM."
        await Tab("Call Treatments").ClickAsync();
        await Link("Add Call Treatment").ClickAsync();
        await Field("Treatment Name").FillAsync("Main menu");
        await Field("Question").FillAsync("one");
        await Field("Question Link").FillAsync("http://app.example.com/prompts/1.wav");
        await Field("Digit").FillAsync("1");
        await Field("Option Name").FillAsync("Sales");
        await Field("Webhook").SelectOptionAsync(new SelectOptionValue { Label = "Sales CRM" });
        await Field("Send at").SelectOptionAsync(new SelectOptionValue { Label = "When selected" });
        await Button("Add option").ClickAsync();
        // The row comes back with everything typed, and one option more.
        await Expect(Field("Option Name").First).ToHaveValueAsync("Sales");
        await Expect(Field("Webhook").First).ToHaveValueAsync(new Regex("^wh_"));
        await Field("Digit").Nth(1).FillAsync("2");
        await Field("Option Name").Nth(1).FillAsync("Service");
        await ShotsAsync("add-treatment");
        await Button("Save").ClickAsync();
        var treatment = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Main menu" });
        await Expect(treatment).ToContainTextAsync("Sales");
        await Expect(treatment).ToContainTextAsync("Sales CRM (When selected)");
        await Expect(treatment).ToContainTextAsync("Service");
        await ShotsAsync("treatments");

        await Tab("Campaigns").ClickAsync();
        await Link("Add Campaign").ClickAsync();
        var number = CallSetup.NewNumber();
        await Field("Campaign Name").FillAsync("Spring radio");
        await Expect(Field("Kind")).ToHaveValueAsync("offline");
        await Field("Tracking Numbers").FillAsync(number);
        await Field("Call Treatment").SelectOptionAsync(new SelectOptionValue { Label = "Main menu" });
        await Field("Webhook").SelectOptionAsync(new SelectOptionValue { Label = "Call log" });
        await Expect(Field("Send at")).ToHaveValueAsync("begin");
        await Button("Save").ClickAsync();
        var campaign = Page.GetByRole(AriaRole.Region, new() { Name = "Offline Campaigns" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Spring radio" });
        await Expect(campaign).ToContainTextAsync("Main menu");
        await Expect(campaign).ToContainTextAsync("Call log (Beginning of call)");

        var sales = NewCallId();
        var service = NewCallId();
        await PostCallAsync(tenant, Begin(sales, number), Prompt(sales, "1"), End(sales));
        await PostCallAsync(tenant, Begin(service, number), Prompt(service, "2"), End(service));

        // The intake writes a call's deliveries before it answers: the log is complete now.
        await Tab("Deliveries").ClickAsync();
        await Field("Call ID").FillAsync(sales);
        await Button("Search").ClickAsync();
        await Expect(Field("Call ID")).ToHaveValueAsync(sales);
        var rows = Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row);
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Filter(new() { HasText = "Sales CRM" })).ToContainTextAsync("When selected");
        await Expect(rows.Filter(new() { HasText = "Call log" })).ToContainTextAsync("Beginning of call");
        await ShotsAsync("sales-call");

        await Field("Call ID").FillAsync(service);
        await Button("Search").ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(1)).ToContainTextAsync("Call log");
        await Expect(rows.Filter(new() { HasText = "Sales CRM" })).ToHaveCountAsync(0);

        await callLog.WaitForRequestsAsync(2);
        var toSales = Assert.Single(await salesCrm.WaitForRequestsAsync(1));
        Assert.Equal(sales, JsonDocument.Parse(toSales.BodyText).RootElement.GetProperty("callid").GetString());
    }
}
