using System.Text.RegularExpressions;
using Hookline.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Hookline.Tests.Ui;

/// <summary>The webhook's page: health, recovering failed deliveries, rotating the signing secret, deleting.</summary>
public class WebhookPageTests(BrowserFixture browser, ITestOutputHelper output) : UiTest(browser, output)
{
    // Deliveries fail after a retry window of 2 s, so a test sees failed ones.
    protected override Dictionary<string, string?>? Profile => HooklineApp.ShortWindow;

    [Fact]
    public async Task RecoverFailedSince_QueuesTheFailedDeliveriesAgain_AndTheyAreDelivered()
    {
        var (tenant, userName, password) = await GroupUserAsync("Recover Motors");
        await using var receiver = await TestReceiver.StartAsync();
        receiver.RespondWith(_ => new ReceiverResponse(500));
        var setup = await CallSetup.CreateAsync(tenant, receiver, moments: ["begin"]);
        var callId = Guid.NewGuid().ToString();
        await setup.Post(setup.Begin(callId));
        await tenant.Client.GetUntil($"/api/v1/deliveries?status=failed&webhookId={setup.WebhookId}", d => d.GetArrayLength() == 1,
            "the delivery failed after its retry window");

        await Page.GotoAsync("/sign-in");
        await SignInAsync(userName, password);
        await Page.GotoAsync($"/webhooks/{setup.WebhookId}");
        await Expect(Heading("CRM")).ToBeVisibleAsync();
        var recent = Page.GetByRole(AriaRole.Region, new() { Name = "Recent deliveries" });
        await Expect(recent.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Failed");
        await Expect(recent).ToContainTextAsync("Beginning of call");
        var health = Page.GetByRole(AriaRole.Region, new() { Name = "Health" });
        await Expect(health).ToContainTextAsync("Failures in a row");
        await Expect(Field("Recover failed since")).ToHaveValueAsync(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d"));
        await ShotAsync("failed");

        receiver.RespondWith(_ => ReceiverResponse.Ok);
        await Button("Recover").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "queued again" })).ToHaveTextAsync("1 failed delivery queued again.");
        await Expect(recent.GetByRole(AriaRole.Row).Nth(1)).Not.ToContainTextAsync("Failed");
        await ShotAsync("recovered");
        await tenant.Client.GetUntil($"/api/v1/deliveries?status=delivered&callId={callId}", d => d.GetArrayLength() == 1, "the recovered delivery delivered");
        await Page.ReloadAsync();
        await Expect(recent.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Delivered");
        await Expect(health).ToContainTextAsync("Up");

        // A time after the failure queues nothing.
        await Field("Recover failed since").FillAsync(DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        await Button("Recover").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "queued again" })).ToHaveTextAsync("0 failed deliveries queued again.");
    }

    [Fact]
    public async Task RotateSigningSecret_ShowsTheNewSecretOnce()
    {
        var (tenant, userName, password) = await GroupUserAsync("Rotate Motors");
        var webhook = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks",
            new { name = "CRM", url = "https://crm.example.com/in", templateId = "builtin-standard-json" });
        var first = webhook.GetProperty("signingSecret").GetString()!;
        await Page.GotoAsync("/sign-in");
        await SignInAsync(userName, password);
        var path = $"/webhooks/{webhook.GetProperty("id").GetString()}";
        await Page.GotoAsync(path);
        // The API showed this one in its answer: no page shows it.
        await Expect(Heading("CRM")).ToBeVisibleAsync();
        await Expect(Field("Signing secret")).ToHaveCountAsync(0);

        await Button("Rotate signing secret").ClickAsync();
        await Expect(Field("Signing secret")).ToHaveValueAsync(new Regex("^whsec_"));
        var rotated = await Field("Signing secret").InputValueAsync();
        Assert.NotEqual(first, rotated);
        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
        await ShotAsync("rotated");
        await Page.ReloadAsync();
        await Expect(Heading("CRM")).ToBeVisibleAsync();
        await Expect(Field("Signing secret")).ToHaveCountAsync(0);
        await Expect(Page.Locator("body")).Not.ToContainTextAsync(rotated);
    }

    [Fact]
    public async Task Delete_AsksFirst_ShowsWhyAWebhookInUseStays_AndDeletesOneThatIsNot()
    {
        var (tenant, userName, password) = await GroupUserAsync("Delete Webhook Motors");
        await using var receiver = await TestReceiver.StartAsync();
        var used = await CallSetup.CreateAsync(tenant, receiver, moments: ["begin"]);
        var spare = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks",
            new { name = "Spare CRM", url = "https://crm.example.com/spare", templateId = "builtin-standard-json" });
        await Page.GotoAsync("/sign-in");
        await SignInAsync(userName, password);

        await Page.GotoAsync($"/webhooks/{used.WebhookId}");
        await Link("Delete").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Delete “CRM”?" })).ToBeVisibleAsync();
        var response = await Page.RunAndWaitForResponseAsync(() => Button("Delete").ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(409, response.Status);
        await Expect(Alert()).ToContainTextAsync("The webhook is used by");
        await Expect(Heading("CRM")).ToBeVisibleAsync();
        await ShotAsync("in-use");

        await Page.GotoAsync($"/webhooks/{spare.GetProperty("id").GetString()}");
        await Link("Delete").ClickAsync();
        await ShotAsync("confirm");
        await Button("Delete").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Webhook Management" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(Link("CRM")).ToBeVisibleAsync();
        await Expect(Link("Spare CRM")).ToHaveCountAsync(0);
    }
}
