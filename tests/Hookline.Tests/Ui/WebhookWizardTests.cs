using System.Text.Json;
using System.Text.RegularExpressions;
using Hookline.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Hookline.Tests.Ui;

/// <summary>The Add Webhook wizard and Edit, driven as a person does, with real receivers behind the webhooks.</summary>
public class WebhookWizardTests(BrowserFixture browser, ITestOutputHelper output) : UiTest(browser, output)
{
    private const string HelpPageExample = """{"first": "", "last": "", "phone": ""}""";

    // The help page's example with its second comma left out: the error is at the quote that opens "phone", the 26th character.
    private const string MissingComma = """{"first": "", "last": "" "phone": ""}""";

    private ILocator Preview => Page.GetByRole(AriaRole.Region, new() { Name = "Preview", Exact = true });

    private ILocator StepHeading(string name) => Page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 2, Exact = true });

    private async Task<Tenant> SignedInGroupUserAsync(string group)
    {
        var (tenant, userName, password) = await GroupUserAsync(group);
        await Page.GotoAsync("/sign-in");
        await SignInAsync(userName, password);
        await Expect(Heading("Locations")).ToBeVisibleAsync();
        return tenant;
    }

    [Fact]
    public async Task TheHelpPagesExample_GoesThroughTheWizard_AndSendTestReachesTheReceiver()
    {
        var tenant = await SignedInGroupUserAsync("Wizard Motors");
        await using var receiver = await TestReceiver.StartAsync();
        await Page.GotoAsync($"/locations/{tenant.LocationId}");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Webhook Management", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Webhook Management" })).ToHaveAttributeAsync("aria-selected", "true");
        await ShotAsync("webhook-management-empty");

        await Link("Add Webhook").ClickAsync();
        await Expect(Heading("Add Webhook")).ToBeVisibleAsync();
        await Expect(Field("Existing Templates")).ToBeCheckedAsync();
        await Field("Create Template").CheckAsync();
        await Field("Webhook Name").FillAsync("Lead CRM");
        await Field("URL").FillAsync(receiver.Url("/leads").ToString());
        await Field("Template Name").FillAsync("Help page lead");
        await Expect(Field("Template Group")).ToContainTextAsync("Wizard Motors");
        await Field("Template Type").SelectOptionAsync(new SelectOptionValue { Label = "JSON" });
        await Field("Template Format").FillAsync(MissingComma);
        await Button("Next").ClickAsync();

        // Refused beside the field, as the API words it, and nothing typed is lost.
        var formatError = Page.Locator("#template-format-error");
        await Expect(formatError).ToContainTextAsync("line 1, column 26:");
        await Expect(Field("Template Format")).ToHaveAttributeAsync("aria-describedby", new Regex("template-format-error"));
        await Expect(StepHeading("Webhook")).ToBeVisibleAsync();
        await Expect(Field("Template Format")).ToHaveValueAsync(MissingComma);
        await Expect(Field("Webhook Name")).ToHaveValueAsync("Lead CRM");
        await Expect(Field("URL")).ToHaveValueAsync(receiver.Url("/leads").ToString());
        await Expect(Field("Template Name")).ToHaveValueAsync("Help page lead");
        await Expect(Field("Create Template")).ToBeCheckedAsync();
        await ShotAsync("step-webhook-format-refused");

        await Field("Template Format").FillAsync(HelpPageExample);
        await ShotAsync("step-webhook");
        await Button("Next").ClickAsync();

        await Expect(StepHeading("Field Mapping")).ToBeVisibleAsync();
        var first = Field("first");
        await Expect(first.Locator("option").First).ToHaveTextAsync("Example value");
        var groups = await first.Locator("optgroup").EvaluateAllAsync<string[]>("gs => gs.map(g => g.label)");
        Assert.Equal(["Call Begin", "Call End", "DNI", "Location Info"], groups);
        await Expect(Preview).ToContainTextAsync("\"first\": \"\"");
        await first.SelectOptionAsync(new SelectOptionValue { Label = "First Name (%ani_first_name%)" });
        // The preview follows each mapping as it is chosen, and the choice says what it is.
        await Expect(Preview).ToContainTextAsync("\"first\": \"Freddy\"");
        await Expect(Page.Locator("#map-0-info")).ToContainTextAsync("Example: Freddy");
        await Field("last").SelectOptionAsync(new SelectOptionValue { Label = "Last Name (%ani_last_name%)" });
        await Field("phone").SelectOptionAsync(new SelectOptionValue { Label = "ANI (%ani%)" });
        await Expect(Preview).ToContainTextAsync("\"last\": \"Krueger\"");
        await Expect(Preview).ToContainTextAsync("\"phone\": \"7776734736\"");
        await Expect(Page.Locator("#map-2-info")).ToContainTextAsync("Telephone number of person calling");
        await ShotAsync("step-mapping");
        await Button("Next").ClickAsync();

        await Expect(StepHeading("Advanced Settings")).ToBeVisibleAsync();
        await Expect(Field("HTTP Header")).ToHaveCountAsync(1);
        foreach (var code in new[] { "200", "201", "202", "203", "204" }) await Expect(Field(code)).ToBeCheckedAsync();
        await Expect(Field("HTTP Method")).ToHaveValueAsync("POST");
        await Field("HTTP Header").FillAsync("X-Api-Key");
        await Field("Value").FillAsync("s3cret-key-123");
        await Field("Secret").CheckAsync();
        await Button("Add header").ClickAsync();
        await Expect(Field("HTTP Header")).ToHaveCountAsync(2);
        await ShotAsync("step-advanced");
        await Button("Next").ClickAsync();

        await Expect(StepHeading("Summary")).ToBeVisibleAsync();
        var summary = Page.Locator("dl.summary");
        foreach (var text in new[] { "Lead CRM", receiver.Url("/leads").ToString(), "Help page lead", "JSON", "first → First Name (%ani_first_name%)",
                     "last → Last Name (%ani_last_name%)", "phone → ANI (%ani%)", "X-Api-Key: ********", "200, 201, 202, 203, 204", "POST" })
            await Expect(summary).ToContainTextAsync(text);
        await Expect(Page.Locator("main")).Not.ToContainTextAsync("s3cret-key-123");
        await ShotAsync("step-summary");
        await Button("Finish").ClickAsync();

        // Back on Webhook Management, with the signing secret shown this once.
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Webhook Management" })).ToHaveAttributeAsync("aria-selected", "true");
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Lead CRM" });
        await Expect(row).ToContainTextAsync("Help page lead");
        await Expect(row).ToContainTextAsync("POST");
        await Expect(row).ToContainTextAsync("Up");
        await Expect(Field("Signing secret")).ToHaveValueAsync(new Regex("^whsec_"));
        var signingSecret = await Field("Signing secret").InputValueAsync();
        await ShotAsync("finished");
        await Page.ReloadAsync();
        await Expect(Link("Lead CRM")).ToBeVisibleAsync();
        await Expect(Field("Signing secret")).ToHaveCountAsync(0);
        await Expect(Page.Locator("body")).Not.ToContainTextAsync(signingSecret);

        await Link("Lead CRM").ClickAsync();
        await Expect(Heading("Lead CRM")).ToBeVisibleAsync();
        await Expect(Field("Signing secret")).ToHaveCountAsync(0);
        await Button("Send test").ClickAsync();
        var result = Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Status code" });
        await Expect(result).ToContainTextAsync("200");
        await Expect(result).ToContainTextAsync("ms");
        await ShotAsync("send-test");

        var received = Assert.Single(receiver.Requests);
        Assert.Equal("/leads", received.Path);
        Assert.Equal("s3cret-key-123", received.Header("X-Api-Key"));
        var body = JsonDocument.Parse(received.BodyText).RootElement;
        Assert.Equal("Freddy", body.GetProperty("first").GetString());
        Assert.Equal("Krueger", body.GetProperty("last").GetString());
        Assert.Equal("7776734736", body.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task AWebhookOfTheBuiltInAdfLead_ShowsItsMappingReadOnly_AndSaves()
    {
        var tenant = await SignedInGroupUserAsync("Adf Motors");
        await Page.GotoAsync($"/locations/{tenant.LocationId}/webhooks/new");
        await Expect(Field("Existing Templates")).ToBeCheckedAsync();
        await Field("Webhook Name").FillAsync("Dealer CRM");
        await Field("URL").FillAsync("https://crm.example.com/adf");
        await Button("Next").ClickAsync();
        await Expect(Page.Locator("#template-error")).ToHaveTextAsync("templateId is required.");
        await Field("Template").SelectOptionAsync(new SelectOptionValue { Label = "ADF 1.0 lead (XML)" });
        await ShotAsync("step-webhook");
        await Button("Next").ClickAsync();

        await Expect(StepHeading("Field Mapping")).ToBeVisibleAsync();
        await Expect(Page.Locator(".note")).ToContainTextAsync("built-in templates cannot be remapped");
        await Expect(Page.Locator("main select[id^='map-']")).ToHaveCountAsync(0);
        var phone = Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Cell, new() { Name = "adf/prospect/customer/contact/phone", Exact = true }) });
        await Expect(phone).ToContainTextAsync("ANI (%ani%)");
        await Expect(Preview).ToContainTextAsync("<?adf version=\"1.0\"?>");
        await Expect(Preview).ToContainTextAsync("<name part=\"first\">Freddy</name>");
        await ShotAsync("step-mapping-read-only");
        await Button("Next").ClickAsync();
        await Expect(StepHeading("Advanced Settings")).ToBeVisibleAsync();
        await Button("Next").ClickAsync();
        await Expect(Page.Locator("dl.summary")).ToContainTextAsync("ADF 1.0 lead (XML)");
        await Expect(Page.Locator("dl.summary")).ToContainTextAsync("None");
        await Button("Finish").ClickAsync();

        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Dealer CRM" });
        await Expect(row).ToContainTextAsync("ADF 1.0 lead (XML)");
        await Expect(row).ToContainTextAsync("https://crm.example.com/adf");
        await ShotAsync("finished");
    }

    [Fact]
    public async Task AnXmlTemplateWithAttributes_IsMappedFieldByField_AndKeepsItsTextWithTokens()
    {
        var tenant = await SignedInGroupUserAsync("Xml Motors");
        const string format = """
            <?xml version="1.0"?>
            <adf>
              <prospect status="">
                <id source="hookline"></id>
                <customer>
                  <contact><name part="full"></name><phone type="voice"></phone></contact>
                  <comments>Call from %ani_first_name% %ani_last_name%</comments>
                </customer>
              </prospect>
            </adf>
            """;
        await Page.GotoAsync($"/locations/{tenant.LocationId}/webhooks/new");
        await Field("Create Template").CheckAsync();
        await Field("Webhook Name").FillAsync("Xml CRM");
        await Field("URL").FillAsync("https://crm.example.com/xml");
        await Field("Template Name").FillAsync("Xml lead");
        await Field("Template Type").SelectOptionAsync(new SelectOptionValue { Label = "XML" });
        await Field("Template Format").FillAsync(format);
        await Button("Next").ClickAsync();

        await Expect(StepHeading("Field Mapping")).ToBeVisibleAsync();
        var labels = await Page.Locator(".mapping-fields label").AllInnerTextsAsync();
        Assert.Equal(["adf/prospect/@status", "adf/prospect/id/@source", "adf/prospect/id", "adf/prospect/customer/contact/name/@part",
            "adf/prospect/customer/contact/name", "adf/prospect/customer/contact/phone/@type", "adf/prospect/customer/contact/phone",
            "adf/prospect/customer/comments"], labels);
        // Text with tokens comes selected as it is, not as one of its tokens.
        var comments = Field("adf/prospect/customer/comments");
        await Expect(comments).ToHaveValueAsync("Call from %ani_first_name% %ani_last_name%");
        await Expect(Page.Locator("#map-7-info")).ToContainTextAsync("First Name (%ani_first_name%), Last Name (%ani_last_name%)");
        await Expect(Preview).ToContainTextAsync("Call from Freddy Krueger");

        // A nested token cannot go on an attribute: the mapping's message shows beside its field, and Next stays.
        await Field("adf/prospect/@status").SelectOptionAsync(new SelectOptionValue { Label = "Tags (%tags%)" });
        await Expect(Page.Locator("#map-0-error")).ToBeVisibleAsync();
        await Expect(Field("adf/prospect/@status")).ToHaveAttributeAsync("aria-invalid", "true");
        await ShotAsync("step-mapping-refused");
        await Button("Next").ClickAsync();
        await Expect(StepHeading("Field Mapping")).ToBeVisibleAsync();

        await Field("adf/prospect/@status").SelectOptionAsync(new SelectOptionValue { Label = "Dial Status (%dialstatus%)" });
        await Field("adf/prospect/id").SelectOptionAsync(new SelectOptionValue { Label = "Call ID (%callid%)" });
        await Field("adf/prospect/customer/contact/name").SelectOptionAsync(new SelectOptionValue { Label = "Full Name (%ani_full_name%)" });
        await Field("adf/prospect/customer/contact/phone").SelectOptionAsync(new SelectOptionValue { Label = "ANI (%ani%)" });
        await Expect(Page.Locator("#map-0-error")).ToHaveCountAsync(0);
        await Expect(Preview).ToContainTextAsync("<prospect status=\"ANSWER\">");
        await Expect(Preview).ToContainTextAsync("<name part=\"full\">Freddy Krueger</name>");
        await Expect(Preview).ToContainTextAsync("<phone type=\"voice\">7776734736</phone>");
        await ShotAsync("step-mapping");
        // At the beginning of a call its end is not known yet.
        await Field("Preview at").SelectOptionAsync(new SelectOptionValue { Label = "Beginning of call" });
        await Expect(Preview).ToContainTextAsync("<prospect status=\"\">");
        await Button("Next").ClickAsync();

        await Field("HTTP Method").SelectOptionAsync("PUT");
        await Button("Next").ClickAsync();
        await Expect(Page.Locator("dl.summary")).ToContainTextAsync("adf/prospect/@status → Dial Status (%dialstatus%)");
        await Expect(Page.Locator("dl.summary")).ToContainTextAsync("adf/prospect/customer/comments → Call from %ani_first_name% %ani_last_name%");
        await Button("Finish").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Xml CRM" })).ToContainTextAsync("PUT");

        var webhook = Assert.Single((await tenant.Client.GetOk($"/api/v1/locations/{tenant.LocationId}/webhooks")).EnumerateArray());
        var template = await tenant.Client.GetOk($"/api/v1/templates/{webhook.GetProperty("templateId").GetString()}");
        var mappings = template.GetProperty("mappings");
        Assert.Equal("%dialstatus%", mappings.GetProperty("adf/prospect/@status").GetString());
        Assert.Equal("%ani_full_name%", mappings.GetProperty("adf/prospect/customer/contact/name").GetString());
        // Left as the example maps it, the composite field stays the example's own.
        Assert.False(mappings.TryGetProperty("adf/prospect/customer/comments", out _));
        Assert.Equal("xml", template.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Edit_WalksTheSameStepsFilledIn_KeepsTheSecretHeader_AndSaves()
    {
        var (tenant, userName, password) = await GroupUserAsync("Edit Webhook Motors");
        await using var receiver = await TestReceiver.StartAsync();
        var template = await tenant.Client.PostOk("/api/v1/templates", new
        {
            name = "Shared lead", type = "json", format = """{"phone": "%ani%", "name": ""}""",
            mappings = new Dictionary<string, string> { ["name"] = "%ani_full_name%" },
        });
        var templateId = template.GetProperty("id").GetString()!;
        var webhook = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks", new
        {
            name = "CRM", url = receiver.Url("/in").ToString(), templateId, method = "PUT", successCodes = new[] { 200, 202 },
            headers = new object[] { new { name = "X-Api-Key", value = "k-original", secret = true }, new { name = "Accept", value = "application/json", secret = false } },
        });
        var id = webhook.GetProperty("id").GetString()!;
        await Page.GotoAsync("/sign-in");
        await SignInAsync(userName, password);
        await Page.GotoAsync($"/webhooks/{id}");
        await Link("Edit").ClickAsync();

        await Expect(Heading("Edit Webhook")).ToBeVisibleAsync();
        await Expect(Field("Webhook Name")).ToHaveValueAsync("CRM");
        await Expect(Field("URL")).ToHaveValueAsync(receiver.Url("/in").ToString());
        await Expect(Field("Existing Templates")).ToBeCheckedAsync();
        await Expect(Field("Template")).ToHaveValueAsync(templateId);
        await ShotAsync("step-webhook");
        await Field("Webhook Name").FillAsync("CRM North");
        await Button("Next").ClickAsync();

        await Expect(Field("phone")).ToHaveValueAsync("%ani%");
        await Expect(Field("name")).ToHaveValueAsync("%ani_full_name%");
        await Expect(Page.Locator(".note")).ToContainTextAsync("every webhook that uses it");
        await Field("name").SelectOptionAsync(new SelectOptionValue { Label = "First Name (%ani_first_name%)" });
        await Expect(Preview).ToContainTextAsync("\"name\": \"Freddy\"");
        await ShotAsync("step-mapping");
        await Button("Next").ClickAsync();

        await Expect(Field("HTTP Header")).ToHaveCountAsync(2);
        await Expect(Field("HTTP Header").First).ToHaveValueAsync("X-Api-Key");
        await Expect(Field("Value").First).ToHaveValueAsync("********");
        await Expect(Field("Secret").First).ToBeCheckedAsync();
        await Expect(Field("HTTP Header").Nth(1)).ToHaveValueAsync("Accept");
        await Expect(Field("Value").Nth(1)).ToHaveValueAsync("application/json");
        await Expect(Field("Secret").Nth(1)).Not.ToBeCheckedAsync();
        await Expect(Field("200")).ToBeCheckedAsync();
        await Expect(Field("201")).Not.ToBeCheckedAsync();
        await Expect(Field("202")).ToBeCheckedAsync();
        await Expect(Field("HTTP Method")).ToHaveValueAsync("PUT");
        await ShotAsync("step-advanced");
        await Button("Next").ClickAsync();

        var summary = Page.Locator("dl.summary");
        await Expect(summary).ToContainTextAsync("X-Api-Key: ********");
        await Expect(summary).ToContainTextAsync("200, 202");
        await Expect(summary).ToContainTextAsync("name → First Name (%ani_first_name%)");
        await Expect(summary).ToContainTextAsync("for every webhook that uses it");
        await ShotAsync("step-summary");
        await Button("Finish").ClickAsync();

        await Expect(Heading("CRM North")).ToBeVisibleAsync();
        await Button("Send test").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Status code" })).ToContainTextAsync("200");
        var sent = Assert.Single(receiver.Requests);
        Assert.Equal("PUT", sent.Method);
        Assert.Equal("k-original", sent.Header("X-Api-Key"));
        Assert.Equal("Freddy", JsonDocument.Parse(sent.BodyText).RootElement.GetProperty("name").GetString());
        var saved = await tenant.Client.GetOk($"/api/v1/templates/{templateId}");
        Assert.Equal("%ani_first_name%", saved.GetProperty("mappings").GetProperty("name").GetString());
    }

    [Fact]
    public async Task AnotherGroupsUser_SeesNoneOfTheFirstGroupsWebhooksOrTemplates_AndNotFoundAtTheirAddresses()
    {
        var (first, _, _) = await GroupUserAsync("First Group Motors");
        var theirTemplate = await first.Client.PostOk("/api/v1/templates", new { name = "First private lead", type = "json", format = HelpPageExample });
        var theirTemplateId = theirTemplate.GetProperty("id").GetString()!;
        var theirWebhook = await first.Client.PostOk($"/api/v1/locations/{first.LocationId}/webhooks",
            new { name = "First CRM", url = "https://crm.example.com/first", templateId = theirTemplateId });
        var theirWebhookId = theirWebhook.GetProperty("id").GetString()!;

        var (second, userName, password) = await GroupUserAsync("Second Group Motors");
        await second.Client.PostOk("/api/v1/templates", new { name = "Second lead", type = "json", format = HelpPageExample });
        await Page.GotoAsync("/sign-in");
        await SignInAsync(userName, password);
        await Page.GotoAsync($"/locations/{second.LocationId}/webhooks");
        await Expect(Page.Locator("main")).Not.ToContainTextAsync("First CRM");
        await Link("Add Webhook").ClickAsync();
        await Expect(Field("Template").Locator("option")).ToHaveTextAsync(["Choose a template", "Standard JSON", "Standard XML", "Standard Form", "ADF 1.0 lead (XML)", "Second lead (JSON)"]);
        await Field("Create Template").CheckAsync();
        await Expect(Field("Template Group").Locator("option")).ToHaveTextAsync(["Second Group Motors"]);
        await ShotAsync("own-templates-only");

        foreach (var path in new[]
                 {
                     $"/webhooks/{theirWebhookId}", $"/webhooks/{theirWebhookId}/edit", $"/templates/{theirTemplateId}",
                     $"/locations/{first.LocationId}/webhooks", $"/locations/{first.LocationId}/webhooks/new",
                 })
        {
            var response = await Page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            await Expect(Heading("Not found")).ToBeVisibleAsync();
            await Expect(Page.Locator("body")).Not.ToContainTextAsync("First");
        }
        await ShotAsync("not-found");
        Assert.Equal(200, (await Page.GotoAsync("/templates/builtin-adf-xml"))!.Status);
        await Expect(Heading("ADF 1.0 lead (XML)")).ToBeVisibleAsync();
        await Expect(Preview).ToContainTextAsync("Freddy");
        await ShotAsync("built-in-template");
    }

    [Fact]
    public async Task TheWizardAndTheWebhookPages_ReadOnAPhone()
    {
        var (tenant, userName, password) = await GroupUserAsync("Phone Wizard Motors");
        await using var context = await NewContextAsync(Phone);
        var page = await context.NewPageAsync();
        async Task CheckWidthAsync()
        {
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= Phone.Width, $"the page is {width} px wide on a {Phone.Width} px phone");
        }
        ILocator On(string label) => page.GetByLabel(label, new() { Exact = true });
        ILocator Press(string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

        await page.GotoAsync("/sign-in");
        await SignInAsync(userName, password, page);
        await page.GotoAsync($"/locations/{tenant.LocationId}/webhooks/new");
        await On("Create Template").CheckAsync();
        await On("Webhook Name").FillAsync("Phone CRM");
        await On("URL").FillAsync("https://crm.example.com/phone");
        await On("Template Name").FillAsync("Phone lead");
        await On("Template Format").FillAsync(MissingComma);
        await Press("Next").ClickAsync();
        await Expect(page.Locator("#template-format-error")).ToBeVisibleAsync();
        await ShotAsync("phone-step-webhook", page);
        await CheckWidthAsync();
        await On("Template Format").FillAsync(HelpPageExample);
        await Press("Next").ClickAsync();
        await On("first").SelectOptionAsync(new SelectOptionValue { Label = "First Name (%ani_first_name%)" });
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Preview" })).ToContainTextAsync("Freddy");
        await ShotAsync("phone-step-mapping", page);
        await CheckWidthAsync();
        await Press("Next").ClickAsync();
        await On("HTTP Header").FillAsync("Authorization");
        await On("Value").FillAsync("Bearer abc");
        await On("Secret").CheckAsync();
        await ShotAsync("phone-step-advanced", page);
        await CheckWidthAsync();
        await Press("Next").ClickAsync();
        await Expect(page.Locator("dl.summary")).ToContainTextAsync("Authorization: ********");
        await ShotAsync("phone-step-summary", page);
        await CheckWidthAsync();
        await Press("Finish").ClickAsync();
        await Expect(On("Signing secret")).ToBeVisibleAsync();
        await ShotAsync("phone-webhook-management", page);
        await CheckWidthAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Phone CRM", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Phone CRM", Level = 1 })).ToBeVisibleAsync();
        await ShotAsync("phone-webhook", page);
        await CheckWidthAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Phone lead", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Phone lead", Level = 1 })).ToBeVisibleAsync();
        await ShotAsync("phone-template", page);
        await CheckWidthAsync();
    }
}
