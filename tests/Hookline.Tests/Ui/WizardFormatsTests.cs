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
}
