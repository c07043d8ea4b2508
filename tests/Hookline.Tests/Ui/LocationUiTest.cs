using System.Runtime.CompilerServices;
using System.Text.Json;
using Hookline.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Hookline.Tests.Ui;

/// <summary>
/// Browser tests of where webhooks fire and what they delivered: a signed-in group user on a location's tabs, with
/// real receivers and calls posted through the intake API.
/// </summary>
public abstract class LocationUiTest(BrowserFixture browser, ITestOutputHelper output) : UiTest(browser, output)
{
    /// <summary>
    /// The help page's "Add Webhook" as a person does it, through the wizard's four steps on the location's Webhook
    /// Management tab: a template created from the help page's example (with the call id), mapped field by field, and a
    /// secret header. Ends on the location's Details tab.
    /// </summary>
    protected async Task AddWebhookInTheWizardAsync(Tenant tenant, string name, Uri url)
    {
        await Page.GotoAsync($"/locations/{tenant.LocationId}/webhooks");
        await Link("Add Webhook").ClickAsync();
        await Field("Create Template").CheckAsync();
        await Field("Webhook Name").FillAsync(name);
        await Field("URL").FillAsync(url.ToString());
        await Field("Template Name").FillAsync($"{name} lead");
        await Field("Template Type").SelectOptionAsync(new SelectOptionValue { Label = "JSON" });
        await Field("Template Format").FillAsync("""{"callid": "", "first": "", "last": "", "phone": ""}""");
        await ShotsAsync("wizard-webhook");
        await Button("Next").ClickAsync();
        await Field("callid").SelectOptionAsync(new SelectOptionValue { Label = "Call ID (%callid%)" });
        await Field("first").SelectOptionAsync(new SelectOptionValue { Label = "First Name (%ani_first_name%)" });
        await Field("last").SelectOptionAsync(new SelectOptionValue { Label = "Last Name (%ani_last_name%)" });
        await Field("phone").SelectOptionAsync(new SelectOptionValue { Label = "ANI (%ani%)" });
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Preview", Exact = true })).ToContainTextAsync("7776734736");
        await ShotsAsync("wizard-mapping");
        await Button("Next").ClickAsync();
        await Field("HTTP Header").FillAsync("X-Api-Key");
        await Field("Value").FillAsync("k-123-secret");
        await Field("Secret").CheckAsync();
        await Button("Next").ClickAsync();
        await Expect(Page.Locator("dl.summary")).ToContainTextAsync("X-Api-Key: ********");
        await Button("Finish").ClickAsync();
        await Expect(Link(name)).ToBeVisibleAsync();
        await ShotsAsync("wizard-finished");
        await Tab("Details").ClickAsync();
    }

    /// <summary>
    /// The same webhook made through the API (a template of the lead's fields), for the tests whose subject is
    /// elsewhere: the wizard's own tests are in WebhookWizardTests, and the help page's journey uses the wizard.
    /// </summary>
    protected static async Task<string> AddWebhookAsync(Tenant tenant, string name, Uri url)
    {
        var template = await tenant.Client.PostOk("/api/v1/templates", new { name = $"{name} lead", type = "json", format = CallSetup.LeadTemplate });
        var webhook = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks", new
        {
            name, url = url.ToString(), templateId = template.GetProperty("id").GetString(),
            headers = new[] { new { name = "X-Api-Key", value = "k-123-secret", secret = true } },
        });
        return webhook.GetProperty("id").GetString()!;
    }

    /// <summary>A group's user signed in, on the Details tab of the group's location.</summary>
    protected async Task<Tenant> SignedInAtLocationAsync(string groupName)
    {
        var (tenant, userName, password) = await GroupUserAsync(groupName);
        await Page.GotoAsync("/sign-in");
        await SignInAsync(userName, password);
        await Link("Auto ID").ClickAsync();
        await Expect(Heading("Auto ID")).ToBeVisibleAsync();
        return tenant;
    }

    protected ILocator Tab(string name) => Page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true });

    /// <summary>Posts call events through the intake API with the tenant's key.</summary>
    protected static Task PostCallAsync(Tenant tenant, params object[] events) => tenant.Client.PostOk("/api/v1/calls/events", events);

    protected static object Begin(string callId, string tracking, bool dni = false) => dni
        ? new { type = "call.begin", callid = callId, tracking, ani = "7776734736", ani_first_name = "Freddy", landing_domain = "example.com" }
        : new { type = "call.begin", callid = callId, tracking, ani = "7776734736", ani_first_name = "Freddy" };

    protected static object Prompt(string callId, string response) =>
        new { type = "call.prompt", callid = callId, question = "one", question_link = "http://app.example.com/prompts/1.wav", response };

    protected static object End(string callId) => new { type = "call.end", callid = callId, dialed_time = 36, answered_time = 29, dialstatus = "ANSWER" };

    /// <summary>The call's deliveries through the API, once <paramref name="done"/> holds for them (newest first).</summary>
    protected static async Task<JsonElement[]> DeliveriesOnceAsync(Tenant tenant, string callId, Func<JsonElement[], bool> done, string expected) =>
        [.. (await tenant.Client.GetUntil($"/api/v1/deliveries?callId={callId}", body => done([.. body.EnumerateArray()]), expected)).EnumerateArray()];

    protected static string NewCallId() => $"call-{Guid.NewGuid():N}"[..21];

    /// <summary>Presses Tab (or Shift+Tab) until <paramref name="target"/> has the focus, as a keyboard user would reach it.</summary>
    protected async Task TabToAsync(ILocator target, bool backwards = false, int atMost = 80)
    {
        for (var i = 0; i < atMost; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
            await Page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }
        Assert.Fail($"{atMost} presses of Tab never reached {target}");
    }

    /// <summary>
    /// This step's screenshots at laptop and phone sizes; on the phone nothing may be wider than the screen (tables
    /// scroll inside their own boxes).
    /// </summary>
    protected async Task ShotsAsync(string what, [CallerMemberName] string test = "")
    {
        await ShotAsync(what + "-laptop", test: test);
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        try
        {
            await ShotAsync(what + "-phone", test: test);
            var width = await Page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= Phone.Width, $"{what}: the page is {width} px wide on a {Phone.Width} px phone");
        }
        finally
        {
            await Page.SetViewportSizeAsync(Laptop.Width, Laptop.Height);
        }
    }
}
