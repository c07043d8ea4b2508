using Hookline.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Hookline.Tests.Ui;

/// <summary>The wizard's later additions: form templates and a template's time zone.</summary>
public class WizardFormatsTests(BrowserFixture browser, ITestOutputHelper output) : UiTest(browser, output)
{
    private ILocator Preview => Page.GetByRole(AriaRole.Region, new() { Name = "Preview", Exact = true });

    private ILocator StepHeading(string name) => Page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 2, Exact = true });

    [Fact]
    public async Task AFormTemplateInATimeZone_IsCreatedThroughTheWizard_AndPreviewsEncoded()
    {
        var (tenant, userName, password) = await GroupUserAsync("Form Motors");
        await Page.GotoAsync("/sign-in");
        await SignInAsync(userName, password);
        await Expect(Heading("Locations")).ToBeVisibleAsync();

        await Page.GotoAsync($"/locations/{tenant.LocationId}/webhooks/new");
        await Field("Create Template").CheckAsync();
        await Expect(Field("Time Zone")).ToHaveValueAsync("UTC");
        await Field("Webhook Name").FillAsync("Lead router");
        await Field("URL").FillAsync("https://router.example.com/leads");
        await Field("Template Name").FillAsync("Router form");
        await Field("Template Type").SelectOptionAsync(new SelectOptionValue { Label = "Form" });
        await Field("Time Zone").SelectOptionAsync("America/Chicago");
        await Field("Template Format").FillAsync("name=%ani_full_name%&phone=%ani:national%&at=%call_start_time:'MM/dd/yyyy hh:mm tt'%");
        await ShotAsync("step-webhook-form");
        await Button("Next").ClickAsync();

        await Expect(StepHeading("Field Mapping")).ToBeVisibleAsync();
        // 00:05 UTC on 28 March 2019 is 7:05 p.m. the day before in Chicago (daylight time).
        await Expect(Preview).ToContainTextAsync("name=Freddy+Krueger");
        await Expect(Preview).ToContainTextAsync("at=03%2F27%2F2019+07%3A05+PM");
        await ShotAsync("step-mapping-form");
        await Button("Next").ClickAsync();
        await Button("Next").ClickAsync();
        await Button("Finish").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Lead router" })).ToBeVisibleAsync();

        var webhook = Assert.Single((await tenant.Client.GetOk($"/api/v1/locations/{tenant.LocationId}/webhooks")).EnumerateArray());
        var template = await tenant.Client.GetOk($"/api/v1/templates/{webhook.GetProperty("templateId").GetString()}");
        Assert.Equal("form", template.GetProperty("type").GetString());
        Assert.Equal("America/Chicago", template.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task AdvancedSettings_SetMethodAuthenticationRetryScheduleAndThrottle_AndTheSummaryListsEach()
    {
        var (tenant, userName, password) = await GroupUserAsync("Pixel Motors");
        await Page.GotoAsync("/sign-in");
        await SignInAsync(userName, password);
        await Expect(Heading("Locations")).ToBeVisibleAsync();

        await Page.GotoAsync($"/locations/{tenant.LocationId}/webhooks/new");
        await Field("Webhook Name").FillAsync("Dealer CRM");
        await Field("URL").FillAsync("https://crm.example.com/leads?caller=%ani:e164%");
        await Field("Template").SelectOptionAsync(new SelectOptionValue { Label = "ADF 1.0 lead (XML)" });
        await Button("Next").ClickAsync();
        await Expect(StepHeading("Field Mapping")).ToBeVisibleAsync();
        await Button("Next").ClickAsync();

        await Field("HTTP Method").SelectOptionAsync("PATCH");
        await Expect(Field("Authentication")).ToHaveValueAsync("none");
        await Field("Authentication").SelectOptionAsync(new SelectOptionValue { Label = "OAuth2 client credentials" });
        await Expect(Field("Token URL")).ToBeVisibleAsync();
        await Field("Authentication").SelectOptionAsync(new SelectOptionValue { Label = "Basic" });
        await Field("Username").FillAsync("dealer");
        await Field("Retry schedule").FillAsync("0, 60, soon");
        await Button("Next").ClickAsync();
        // Refused beside their fields, and the step stays.
        await Expect(Page.Locator("#auth-password-error")).ToContainTextAsync("auth.password is required.");
        await Expect(Page.Locator("#retry-schedule-error")).ToContainTextAsync("retrySchedule");
        await ShotAsync("step-advanced-refused");
        await Field("Password").FillAsync("hunter2-secret");
        await Field("Retry schedule").FillAsync("0, 60, 600");
        await Field("Max requests per second").FillAsync("20");
        await ShotAsync("step-advanced");
        await Button("Next").ClickAsync();

        var summary = Page.Locator("dl.summary");
        await Expect(summary).ToContainTextAsync("PATCH");
        await Expect(summary).ToContainTextAsync("Basic, as dealer");
        await Expect(summary).ToContainTextAsync("0 s, 60 s, 600 s (the last repeats)");
        await Expect(summary).Not.ToContainTextAsync("hunter2-secret");
        await Expect(summary.Locator("dt:text-is('Max requests per second') + dd")).ToHaveTextAsync("20");
        await ShotAsync("step-summary");
        await Button("Finish").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Dealer CRM" })).ToContainTextAsync("PATCH");

        var webhook = Assert.Single((await tenant.Client.GetOk($"/api/v1/locations/{tenant.LocationId}/webhooks")).EnumerateArray());
        Assert.Equal("PATCH", webhook.GetProperty("method").GetString());
        Assert.Equal("basic", webhook.GetProperty("auth").GetProperty("type").GetString());
        Assert.Equal("dealer", webhook.GetProperty("auth").GetProperty("username").GetString());
        Assert.Equal([0, 60, 600], webhook.GetProperty("retrySchedule").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(20, webhook.GetProperty("maxPerSecond").GetInt32());

        // Edit keeps the stored password through its mask.
        await Page.GotoAsync($"/webhooks/{webhook.GetProperty("id").GetString()}/edit");
        await Button("Next").ClickAsync();
        await Button("Next").ClickAsync();
        await Expect(Field("Password")).ToHaveValueAsync("********");
        await Button("Next").ClickAsync();
        await Button("Finish").ClickAsync();
        await Expect(Heading("Dealer CRM")).ToBeVisibleAsync();
        var read = await tenant.Client.GetOk($"/api/v1/webhooks/{webhook.GetProperty("id").GetString()}");
        Assert.Equal("basic", read.GetProperty("auth").GetProperty("type").GetString());
    }
}
