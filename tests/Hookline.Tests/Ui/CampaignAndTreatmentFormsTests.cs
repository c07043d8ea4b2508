using System.Text.RegularExpressions;
using Hookline.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Hookline.Tests.Ui;

/// <summary>The campaign and call treatment forms: rows added and removed, messages beside fields, editing and deleting.</summary>
public class CampaignAndTreatmentFormsTests(BrowserFixture browser, ITestOutputHelper output) : LocationUiTest(browser, output)
{
    [Fact]
    public async Task ACampaignThatFailsValidation_KeepsEveryRowTyped_AndShowsEachMessageBesideItsField()
    {
        var tenant = await SignedInAtLocationAsync("Campaign Form Motors");
        await AddWebhookAsync(tenant, "CRM", new Uri("http://127.0.0.1:9/"));
        var taken = CallSetup.NewNumber();
        await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/campaigns", new { name = "Older", kind = "offline", trackingNumbers = new[] { taken } });

        await Page.GotoAsync($"/locations/{tenant.LocationId}/campaigns/new");
        await Field("Campaign Name").FillAsync("Newspaper");
        await Field("Tracking Numbers").FillAsync("555 010 0199\n12");
        await Field("Tag Name").FillAsync("Region");
        await Field("Tag Value").FillAsync("south");
        await Button("Add tag").ClickAsync();
        await Expect(Field("Tag Name")).ToHaveCountAsync(2);
        await Expect(Field("Tag Name").First).ToHaveValueAsync("Region");
        await Expect(Field("Tag Name").Nth(1)).ToBeFocusedAsync();
        await Field("Tag Name").Nth(1).FillAsync("Region");
        await Field("Tag Value").Nth(1).FillAsync("north");
        await Field("Webhook").SelectOptionAsync(new SelectOptionValue { Label = "CRM" });
        await Button("Add webhook").ClickAsync();
        await Expect(Field("Webhook")).ToHaveCountAsync(2);
        await Expect(Field("Webhook").Nth(1)).ToBeFocusedAsync();
        await Expect(Field("Campaign Name")).ToHaveValueAsync("Newspaper");
        await Button("Save").ClickAsync();

        await Expect(Page.Locator("#tags-1-name-error")).ToHaveTextAsync("tags.Region is given twice.");
        await Expect(Field("Tag Value").Nth(1)).ToHaveValueAsync("north");
        await Button("Remove tag 2").ClickAsync();
        await Expect(Field("Tag Name")).ToHaveCountAsync(1);
        await Button("Save").ClickAsync();
        await Expect(Page.Locator("#trackingNumbers-error")).ToContainTextAsync("Line 2: trackingNumbers[1] is not a phone number");
        await Expect(Field("Tracking Numbers")).ToHaveAttributeAsync("aria-describedby", new Regex("trackingNumbers-error"));
        await Expect(Field("Tracking Numbers")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Field("Tracking Numbers")).ToHaveValueAsync("555 010 0199\n12");
        await Expect(Field("Tag Value")).ToHaveValueAsync("south");
        await Expect(Field("Webhook").First).ToHaveValueAsync(new Regex("^wh_"));
        await ShotsAsync("invalid");

        // A number that rings for another campaign already: the API's 409, beside the field.
        await Field("Tracking Numbers").FillAsync($"555 010 0199\n{taken}");
        var response = await Page.RunAndWaitForResponseAsync(() => Button("Save").ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(409, response.Status);
        await Expect(Page.Locator("#trackingNumbers-error")).ToHaveTextAsync($"Tracking number {taken} already belongs to another campaign.");

        await Field("Tracking Numbers").FillAsync("555 010 0199");
        await Button("Save").ClickAsync();
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Newspaper" });
        await Expect(row).ToContainTextAsync("5550100199");
        await Expect(row).ToContainTextAsync("Region: south");
        await Expect(row.Locator("text=CRM (Beginning of call)")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Edit_OpensTheCampaignFilledIn_AndDelete_AsksFirst()
    {
        var tenant = await SignedInAtLocationAsync("Campaign Edit Motors");
        var webhookId = await AddWebhookAsync(tenant, "CRM", new Uri("http://127.0.0.1:9/"));
        var number = CallSetup.NewNumber();
        await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/campaigns", new
        {
            name = "Billboard", kind = "digital", trackingNumbers = new[] { number }, tags = new Dictionary<string, string> { ["Region"] = "east" },
            webhooks = new[] { new { webhookId, at = "end" } },
        });
        await Tab("Campaigns").ClickAsync();
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Billboard" });
        await row.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
        await Expect(Field("Campaign Name")).ToHaveValueAsync("Billboard");
        await Expect(Field("Kind")).ToHaveValueAsync("digital");
        await Expect(Field("Tracking Numbers")).ToHaveValueAsync(number);
        await Expect(Field("Tag Value")).ToHaveValueAsync("east");
        await Expect(Field("Webhook")).ToHaveValueAsync(webhookId);
        await Expect(Field("Send at")).ToHaveValueAsync("end");
        await ShotsAsync("edit");
        await Field("Campaign Name").FillAsync("Billboard North");
        await Field("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Offline" });
        await Button("Save").ClickAsync();
        row = Page.GetByRole(AriaRole.Region, new() { Name = "Offline Campaigns" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Billboard North" });
        await Expect(row).ToHaveCountAsync(1);

        await row.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Delete Campaign" })).ToBeVisibleAsync();
        await Expect(Page.Locator("main")).ToContainTextAsync(number);
        await ShotsAsync("confirm-delete");
        await Link("Cancel").ClickAsync();
        await Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Button("Delete").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Offline Campaigns" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Billboard" })).ToHaveCountAsync(0);
        var gone = await Page.GotoAsync($"/locations/{tenant.LocationId}/campaigns");
        Assert.Equal(200, gone!.Status);
    }

    [Fact]
    public async Task ATreatmentsErrors_StandBesideTheirOptions_AndAUsedTreatmentIsNotDeleted()
    {
        var tenant = await SignedInAtLocationAsync("Treatment Form Motors");
        await AddWebhookAsync(tenant, "CRM", new Uri("http://127.0.0.1:9/"));
        await Tab("Call Treatments").ClickAsync();
        await Link("Add Call Treatment").ClickAsync();
        await Field("Treatment Name").FillAsync("Menu");
        await Field("Question Link").FillAsync("javascript:alert(1)");
        await Field("Digit").FillAsync("5");
        await Field("Option Name").FillAsync("Sales");
        await Button("Add option").ClickAsync();
        await Expect(Field("Digit").Nth(1)).ToBeFocusedAsync();
        await Field("Digit").Nth(1).FillAsync("5");
        await Button("Add webhook").Nth(1).ClickAsync();
        await Expect(Field("Webhook")).ToHaveCountAsync(3);
        await Expect(Field("Webhook").Nth(2)).ToBeFocusedAsync();
        await Field("Webhook").Nth(2).SelectOptionAsync(new SelectOptionValue { Label = "CRM" });
        await Field("Send at").Nth(2).SelectOptionAsync(new SelectOptionValue { Label = "End of call" });
        await Button("Save").ClickAsync();

        await Expect(Page.Locator("#questionLink-error")).ToHaveTextAsync("questionLink must be an absolute http:// or https:// URL.");
        await Expect(Page.Locator("#options-1-digit-error")).ToHaveTextAsync("options[1].digit 5 is given twice.");
        await Expect(Page.Locator("#options-1-name-error")).ToHaveTextAsync("options[1].name is required.");
        await Expect(Page.Locator("#options-0-digit-error")).ToHaveCountAsync(0);
        await Expect(Field("Send at").Nth(2)).ToHaveValueAsync("end");
        await ShotsAsync("invalid");

        await Field("Question Link").FillAsync("");
        await Field("Digit").Nth(1).FillAsync("#");
        await Field("Option Name").Nth(1).FillAsync("Service");
        await Button("Remove webhook 1 of option 1").ClickAsync();
        await Expect(Field("Webhook")).ToHaveCountAsync(3);
        await Button("Save").ClickAsync();
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Menu" });
        await Expect(row).ToContainTextAsync("CRM (End of call)");
        await Expect(row.Locator("kbd")).ToHaveTextAsync(["5", "#"]);

        // A campaign uses it: deleting is refused with the API's reason.
        var treatments = await tenant.Client.GetOk($"/api/v1/locations/{tenant.LocationId}/treatments");
        await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/campaigns", new
        {
            name = "Radio", kind = "offline", trackingNumbers = new[] { CallSetup.NewNumber() }, treatmentId = treatments[0].GetProperty("id").GetString(),
        });
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Delete Call Treatment" })).ToBeVisibleAsync();
        var response = await Page.RunAndWaitForResponseAsync(() => Button("Delete").ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(409, response.Status);
        await Expect(Alert()).ToContainTextAsync("The treatment is used by campaign");
    }

    [Fact]
    public async Task ACampaign_IsAddedByKeyboardAlone()
    {
        var tenant = await SignedInAtLocationAsync("Keyboard Motors");
        await AddWebhookAsync(tenant, "CRM", new Uri("http://127.0.0.1:9/"));
        await Page.GotoAsync($"/locations/{tenant.LocationId}/campaigns");
        await TabToAsync(Link("Add Campaign"));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Heading("Auto ID")).ToBeFocusedAsync();
        await TabToAsync(Field("Campaign Name"));
        await Page.Keyboard.TypeAsync("Keyboard radio");
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Field("Kind")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("ArrowDown");
        await Expect(Field("Kind")).ToHaveValueAsync("digital");
        await TabToAsync(Field("Tracking Numbers"));
        await Page.Keyboard.TypeAsync(CallSetup.NewNumber());
        await TabToAsync(Button("Add tag"));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Field("Tag Name").Nth(1)).ToBeFocusedAsync();
        await Expect(Field("Campaign Name")).ToHaveValueAsync("Keyboard radio");
        await Page.Keyboard.TypeAsync("Source");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync("radio");
        await TabToAsync(Field("Webhook"));
        await Page.Keyboard.PressAsync("ArrowDown");
        await TabToAsync(Field("Send at"));
        await Page.Keyboard.PressAsync("ArrowDown");
        await Expect(Field("Send at")).ToHaveValueAsync("end");
        await ShotAsync("typed");
        // Enter in a text field saves, as in any form.
        await TabToAsync(Field("Tag Value").Nth(1), backwards: true);
        await Page.Keyboard.PressAsync("Enter");
        var row = Page.GetByRole(AriaRole.Region, new() { Name = "Digital Campaigns" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Keyboard radio" });
        await Expect(row).ToContainTextAsync("Source: radio");
        await Expect(row).ToContainTextAsync("CRM (End of call)");
    }
}
