using System.Globalization;
using Hookline.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Hookline.Tests.Ui;

/// <summary>The delivery log (a location's tab, the page across locations), the Delivery page and the Details tab's chart.</summary>
public class DeliveryPagesTests(BrowserFixture browser, ITestOutputHelper output) : LocationUiTest(browser, output)
{
    [Fact]
    public async Task AReceiverThatAnswers500_LeavesTheDeliveryPending_WithItsFailedAttempts()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.RespondWith(_ => new ReceiverResponse(500, Body: "down for maintenance"));
        var tenant = await SignedInAtLocationAsync("Outage Motors");
        var webhookId = await AddWebhookAsync(tenant, "Outage CRM", receiver.Url());
        var number = await CampaignAsync(tenant, webhookId);
        var callId = NewCallId();
        await PostCallAsync(tenant, Begin(callId, number));
        // The first retry is at once: two failed attempts, then a wait of seconds.
        await DeliveriesOnceAsync(tenant, callId, d => d.Length == 1 && d[0].GetProperty("attempts").GetInt32() >= 2, "two attempts");

        await Tab("Deliveries").ClickAsync();
        await Field("Status").SelectOptionAsync(new SelectOptionValue { Label = "Pending" });
        await Button("Search").ClickAsync();
        await Expect(Field("Status")).ToHaveValueAsync("pending");
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = callId });
        await Expect(row).ToContainTextAsync("Pending");
        await Expect(row.GetByRole(AriaRole.Cell).Last).ToHaveTextAsync("500");
        await ShotsAsync("pending");
        await Field("Status").SelectOptionAsync(new SelectOptionValue { Label = "Delivered" });
        await Button("Search").ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await Expect(Page.GetByText("No deliveries match these filters.")).ToBeVisibleAsync();

        await Page.GotoAsync($"/deliveries?callId={callId}");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Heading("Delivery")).ToBeVisibleAsync();
        await Expect(Page.Locator("dl.details").First).ToContainTextAsync("Pending: the next attempt is due at");
        var attempts = Page.GetByRole(AriaRole.Region, new() { Name = "Attempts" }).GetByRole(AriaRole.Row);
        Assert.True(await attempts.CountAsync() >= 3, "two attempts or more");
        await Expect(attempts.Nth(1)).ToContainTextAsync("500");
        await Expect(attempts.Nth(1)).ToContainTextAsync("down for maintenance");
        await Expect(attempts.Nth(2)).ToContainTextAsync("500");
        await ShotsAsync("failed-attempts");
    }

    [Fact]
    public async Task TheDetailsTab_ChartsTheHoursDeliveredAndFailed_AndItsWebhooksHealth()
    {
        await using var up = await TestReceiver.StartAsync();
        await using var down = await TestReceiver.StartAsync();
        down.RespondWith(_ => new ReceiverResponse(503));
        var tenant = await SignedInAtLocationAsync("Chart Motors");
        var good = await AddWebhookAsync(tenant, "Good CRM", up.Url());
        var bad = await AddWebhookAsync(tenant, "Broken CRM", down.Url());
        var number = await CampaignAsync(tenant, good, bad);
        var callId = NewCallId();
        await PostCallAsync(tenant, Begin(callId, number));
        var deliveries = await DeliveriesOnceAsync(tenant, callId,
            d => d.Length == 2 && d.Count(x => x.GetProperty("status").GetString() == "delivered") == 1 && d.All(x => x.GetProperty("attempts").GetInt32() >= 1),
            "one delivered, one failed");
        var hour = deliveries[0].GetProperty("createdAt").GetDateTimeOffset().UtcDateTime;
        var label = $"{hour:HH}:00–{hour.AddHours(1):HH}:00";

        await Page.ReloadAsync();
        var chart = Page.GetByRole(AriaRole.Img, new() { Name = "Deliveries per hour" });
        await Expect(chart).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex($"{label}, 1 delivered, 1 failed"));
        await ShotsAsync("chart");
        // The text alternative: each hour's counts in a table.
        await Page.GetByText("The counts of each hour as a table").ClickAsync();
        var row = Page.GetByRole(AriaRole.Row, new() { Name = label });
        await Expect(row.GetByRole(AriaRole.Cell)).ToHaveTextAsync(["1", "1"]);
        await Expect(Page.GetByRole(AriaRole.Table).Last.GetByRole(AriaRole.Row)).ToHaveCountAsync(25);
        await ShotsAsync("chart-table");

        var health = Page.GetByRole(AriaRole.Region, new() { Name = "Webhook health" });
        await Expect(health.GetByRole(AriaRole.Row).Filter(new() { HasText = "Good CRM" })).ToContainTextAsync("Up");
        var broken = health.GetByRole(AriaRole.Row).Filter(new() { HasText = "Broken CRM" });
        await Expect(broken.GetByRole(AriaRole.Cell).Nth(1)).Not.ToHaveTextAsync("0");
        await Expect(broken.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task TheDeliveriesPage_ListsEveryLocationsDeliveries_NewestFirst_PagedByKey()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var tenant = await SignedInAtLocationAsync("Paging Motors");
        var first = await AddWebhookAsync(tenant, "North CRM", receiver.Url());
        var north = await CampaignAsync(tenant, first);
        var other = await tenant.Client.PostOk("/api/v1/locations", new { name = "Second Store" });
        var second = await tenant.Client.PostOk($"/api/v1/locations/{other.GetProperty("id").GetString()}/webhooks", new
        {
            name = "South CRM", url = receiver.Url().ToString(), templateId = "builtin-standard-json",
        });
        var south = CallSetup.NewNumber();
        await tenant.Client.PostOk($"/api/v1/locations/{other.GetProperty("id").GetString()}/campaigns", new
        {
            name = "South radio", kind = "offline", trackingNumbers = new[] { south },
            webhooks = new[] { new { webhookId = second.GetProperty("id").GetString(), at = "begin" } },
        });
        string[] calls = [NewCallId(), NewCallId(), NewCallId()];
        await PostCallAsync(tenant, Begin(calls[0], north));
        await PostCallAsync(tenant, Begin(calls[1], south));
        await PostCallAsync(tenant, Begin(calls[2], north));

        await Link("Deliveries").ClickAsync();
        await Expect(Heading("Deliveries")).ToBeVisibleAsync();
        var rows = Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row);
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(rows.Nth(1)).ToContainTextAsync(calls[2]);
        await Expect(rows.Nth(2)).ToContainTextAsync(calls[1]);
        await Expect(rows.Nth(2)).ToContainTextAsync("Second Store");
        await Expect(rows.Nth(3)).ToContainTextAsync(calls[0]);
        await Expect(Link("Next page")).ToHaveCountAsync(0);
        await ShotsAsync("across-locations");

        // The filter's webhooks are grouped by location.
        await Expect(Page.Locator("#filter-webhook optgroup[label='Second Store'] option")).ToHaveTextAsync("South CRM");
        await Field("Webhook").SelectOptionAsync(new SelectOptionValue { Label = "North CRM" });
        await Button("Search").ClickAsync();
        await Expect(rows).ToHaveCountAsync(3);

        await Page.GotoAsync("/deliveries?limit=2");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Nth(1)).ToContainTextAsync(calls[2]);
        await Expect(Link("Previous page")).ToHaveCountAsync(0);
        await Link("Next page").ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(1)).ToContainTextAsync(calls[0]);
        await Expect(Link("Next page")).ToHaveCountAsync(0);
        await ShotsAsync("next-page");
        await Link("Previous page").ClickAsync();
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Nth(1)).ToContainTextAsync(calls[2]);
        await Expect(rows.Nth(2)).ToContainTextAsync(calls[1]);
    }

    [Fact]
    public async Task ASinceThatIsNoTime_IsRefusedBesideTheField_AndKept()
    {
        var tenant = await SignedInAtLocationAsync("Since Motors");
        var response = await Page.GotoAsync($"/locations/{tenant.LocationId}/deliveries?since=yesterday&callId=abc");
        Assert.Equal(400, response!.Status);
        await Expect(Page.Locator("#since-error")).ToHaveTextAsync("since must be a date and time, such as 2026-12-01T09:30 (UTC).");
        await Expect(Field("Since")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Field("Call ID")).ToHaveValueAsync("abc");

        var since = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        await Field("Since").FillAsync(since);
        await Button("Search").ClickAsync();
        await Expect(Field("Since")).ToHaveValueAsync(since);
        await Expect(Page.GetByText("No deliveries match these filters.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ASecondGroupsUser_SeesNoneOfTheFirstGroupsCampaignsTreatmentsOrDeliveries()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var theirs = await Tenant.CreateAsync(App, "First Group Motors");
        var setup = await CallSetup.CreateAsync(theirs, receiver, moments: ["begin"], treatmentOptions: new[] { new { digit = "1", name = "Sales" } });
        var campaign = await theirs.Client.GetOk($"/api/v1/campaigns/{setup.CampaignId}");
        var treatmentId = campaign.GetProperty("treatmentId").GetString();
        var callId = NewCallId();
        await setup.Post(setup.Begin(callId));
        var delivery = (await DeliveriesOnceAsync(theirs, callId, d => d.Length == 1, "a delivery"))[0].GetProperty("id").GetString();

        var mine = await SignedInAtLocationAsync("Second Group Motors");
        await Link("Deliveries").ClickAsync();
        await Expect(Page.GetByText("No deliveries yet.", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(Page.Locator("#filter-webhook option")).ToHaveCountAsync(1);
        await Page.GotoAsync($"/deliveries?callId={callId}");
        await Expect(Page.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
        await Page.GotoAsync($"/locations/{mine.LocationId}");
        await Expect(Page.GetByRole(AriaRole.Img, new() { Name = "Deliveries per hour" })).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("none delivered and none failed"));

        string[] paths =
        [
            $"/deliveries/{delivery}", $"/campaigns/{setup.CampaignId}/edit", $"/campaigns/{setup.CampaignId}/delete",
            $"/treatments/{treatmentId}/edit", $"/treatments/{treatmentId}/delete", $"/locations/{theirs.LocationId}/campaigns",
            $"/locations/{theirs.LocationId}/campaigns/new", $"/locations/{theirs.LocationId}/treatments", $"/locations/{theirs.LocationId}/treatments/new",
            $"/locations/{theirs.LocationId}/deliveries", $"/deliveries/dlv_{Guid.NewGuid():N}",
        ];
        foreach (var path in paths)
        {
            var response = await Page.GotoAsync(path);
            Assert.True(response!.Status == 404, $"{path}: {response.Status}");
            await Expect(Heading("Not found")).ToBeVisibleAsync();
            await Expect(Page.Locator("body")).Not.ToContainTextAsync("First Group Motors");
            await Expect(Page.Locator("body")).Not.ToContainTextAsync("Spring radio");
        }
        await ShotsAsync("not-found");
    }

    /// <summary>An offline campaign on a fresh number whose webhooks fire at the beginning of the call.</summary>
    private static async Task<string> CampaignAsync(Tenant tenant, params string[] webhookIds)
    {
        var number = CallSetup.NewNumber();
        await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/campaigns", new
        {
            name = "Radio", kind = "offline", trackingNumbers = new[] { number },
            webhooks = webhookIds.Select(webhookId => new { webhookId, at = "begin" }).ToArray(),
        });
        return number;
    }
}
