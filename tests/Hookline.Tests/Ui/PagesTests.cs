using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Hookline.Tests.Ui;

public class PagesTests(BrowserFixture browser, ITestOutputHelper output) : UiTest(browser, output)
{
    [Fact]
    public async Task AnAdmin_CreatesAGroup_AUserOfIt_AndALocation_ThroughThePages()
    {
        var groupName = $"Pages Motors {Guid.NewGuid():N}"[..20];
        var userName = $"p-{Guid.NewGuid():N}"[..12];
        var locationName = $"Pasadena {Guid.NewGuid():N}"[..16];
        await SignInAsAdminAsync();
        await ShotAsync("locations");

        await Link("Groups").ClickAsync();
        await Expect(Heading("Groups")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Add Group" }).ClickAsync();
        await Field("Group Name").FillAsync(groupName);
        await ShotAsync("add-group");
        await Button("Save").ClickAsync();
        await Expect(Heading("Groups")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Cell, new() { Name = groupName })).ToBeVisibleAsync();
        await ShotAsync("groups");

        await Link("Users").ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Add User" }).ClickAsync();
        await Field("User name").FillAsync(userName);
        await Field("Password").FillAsync("the new user's password");
        await Field("Group").SelectOptionAsync(new SelectOptionValue { Label = groupName });
        await Expect(Page.GetByRole(AriaRole.Option, new() { Name = "All groups (admin)" })).ToHaveCountAsync(1);
        await ShotAsync("add-user");
        await Button("Save").ClickAsync();
        await Expect(Heading("Users")).ToBeVisibleAsync();
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = userName });
        await Expect(row).ToContainTextAsync(groupName);
        await ShotAsync("users");

        await Link("Locations").ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Add Location" }).ClickAsync();
        await Expect(Heading("Add Location")).ToBeVisibleAsync();
        await Field("Group").SelectOptionAsync(new SelectOptionValue { Label = groupName });
        await Field("Name").FillAsync(locationName);
        await Field("Address Line 1").FillAsync("157 Main Street");
        await Field("Address Line 2").FillAsync("Suite 4");
        await Field("City").FillAsync("Pasadena");
        await Field("State").FillAsync("CA");
        await Field("Zip").FillAsync("91101");
        await Field("Account ID").FillAsync("26627332");
        await Field("Location ID").FillAsync("3242243");
        await Field("Site ID").FillAsync("4567");
        await Field("Domain ID").FillAsync("1234");
        await ShotAsync("add-location");
        await Button("Save").ClickAsync();

        await Expect(Heading(locationName)).ToBeVisibleAsync();
        foreach (var tab in new[] { "Details", "Webhook Management", "Campaigns", "Call Treatments", "Deliveries" })
            await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = tab, Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Details" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(Page.Locator(".details")).ToContainTextAsync("Suite 4");
        await Expect(Page.Locator(".details")).ToContainTextAsync(groupName);
        await ShotAsync("location-details");

        // The new user sees the new location, and only the header links of a group's user.
        await Button("Sign out").ClickAsync();
        await SignInAsync(userName, "the new user's password");
        await Expect(Heading("Locations")).ToBeVisibleAsync();
        await Expect(Link(locationName)).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await ShotAsync("group-user-locations");
    }

    [Fact]
    public async Task AGroupsUser_SeesNoneOfAnotherGroupsLocations_AndNotFoundAtTheirAddress()
    {
        var (mine, userName, password) = await GroupUserAsync("Group A Motors");
        var (theirs, _, _) = await GroupUserAsync("Group B Motors");
        await Page.GotoAsync("/sign-in");
        await SignInAsync(userName, password);
        await Expect(Heading("Locations")).ToBeVisibleAsync();
        await Expect(Page.Locator($"a[href='/locations/{mine.LocationId}']")).ToHaveCountAsync(1);
        await Expect(Page.Locator($"a[href='/locations/{theirs.LocationId}']")).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Expect(Link("Users")).ToHaveCountAsync(0);
        await Expect(Link("Groups")).ToHaveCountAsync(0);
        await Expect(Link("Deliveries")).ToBeVisibleAsync();
        await Expect(Link("API")).ToBeVisibleAsync();
        await ShotAsync("own-locations");

        foreach (var path in new[] { $"/locations/{theirs.LocationId}", $"/locations/{theirs.LocationId}/edit", "/users", "/users/new", "/groups", "/groups/new" })
        {
            var response = await Page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            await Expect(Heading("Not found")).ToBeVisibleAsync();
            await Expect(Page.Locator("body")).Not.ToContainTextAsync("Group B Motors");
        }
        await ShotAsync("not-found");

        var own = await Page.GotoAsync($"/locations/{mine.LocationId}");
        Assert.Equal(200, own!.Status);
        await Expect(Heading("Auto ID")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AFormThatFailsValidation_KeepsWhatWasTyped_AndShowsEachMessageBesideItsField()
    {
        var (_, userName, password) = await GroupUserAsync("Validation Motors");
        await Page.GotoAsync("/sign-in");
        await SignInAsync(userName, password);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Add Location" }).ClickAsync();
        await Expect(Field("Group")).ToHaveCountAsync(0);
        await Field("Address Line 1").FillAsync("157 Main Street");
        await Field("City").FillAsync("Los Angeles");
        await Field("Zip").FillAsync(new string('9', 21));
        await Button("Save").ClickAsync();

        await Expect(Heading("Add Location")).ToBeVisibleAsync();
        await Expect(Field("Address Line 1")).ToHaveValueAsync("157 Main Street");
        await Expect(Field("City")).ToHaveValueAsync("Los Angeles");
        await Expect(Field("Name")).ToHaveAttributeAsync("aria-describedby", "name-error");
        await Expect(Page.Locator("#name-error")).ToHaveTextAsync("name is required.");
        await Expect(Page.Locator("#zip-error")).ToHaveTextAsync("zip is at most 20 characters (got 21).");
        await Expect(Field("Zip")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Field("City")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await ShotAsync("invalid-location");

        await Field("Name").FillAsync("Fixed Name");
        await Field("Zip").FillAsync("90001");
        await Button("Save").ClickAsync();
        await Expect(Heading("Fixed Name")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnAdminsAddLocation_ThatFailsValidation_KeepsTheChosenGroup()
    {
        var (tenant, _, _) = await GroupUserAsync("Chosen Group Motors");
        await SignInAsAdminAsync();
        await Page.GotoAsync("/locations/new");
        await Field("Group").SelectOptionAsync(tenant.GroupId);
        await Field("City").FillAsync("Pasadena");
        await Button("Save").ClickAsync();
        await Expect(Page.Locator("#name-error")).ToHaveTextAsync("name is required.");
        await Expect(Field("Group")).ToHaveValueAsync(tenant.GroupId);
        await Expect(Field("City")).ToHaveValueAsync("Pasadena");
    }

    [Fact]
    public async Task Edit_OnTheDetailsTab_OpensTheSameFormFilledIn_AndSaves()
    {
        var (tenant, userName, password) = await GroupUserAsync("Edit Motors");
        await Page.GotoAsync("/sign-in");
        await SignInAsync(userName, password);
        await Link("Auto ID").ClickAsync();
        await Expect(Heading("Auto ID")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Expect(Field("Name")).ToHaveValueAsync("Auto ID");
        await Expect(Field("Location ID")).ToHaveValueAsync("3242243");
        await ShotAsync("edit");
        await Field("Name").FillAsync("");
        await Field("City").FillAsync("Pasadena");
        await Button("Save").ClickAsync();
        await Expect(Page.Locator("#name-error")).ToHaveTextAsync("name is required.");
        await Expect(Field("City")).ToHaveValueAsync("Pasadena");
        await Expect(Heading("Auto ID")).ToBeVisibleAsync();

        await Field("Name").FillAsync("Auto ID North");
        await Button("Save").ClickAsync();
        await Expect(Heading("Auto ID North")).ToBeVisibleAsync();
        await Expect(Page.Locator(".details")).ToContainTextAsync("Pasadena");
        await Expect(Page).ToHaveURLAsync(new Regex($"/locations/{tenant.LocationId}$"));
        await ShotAsync("saved");
    }

    [Fact]
    public async Task AnAdmin_DeletesAUser()
    {
        var (_, userName, _) = await GroupUserAsync("Delete Motors");
        await SignInAsAdminAsync();
        await Link("Users").ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Delete {userName}" }).ClickAsync();
        await Expect(Heading("Users")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Cell, new() { Name = userName, Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnUnknownAddress_ShowsNotFound_WhileTheApisStayProblems()
    {
        await SignInAsAdminAsync();
        var response = await Page.GotoAsync("/no/such/page");
        Assert.Equal(404, response!.Status);
        await Expect(Heading("Not found")).ToBeVisibleAsync();
        await Expect(Button("Sign out")).ToBeVisibleAsync();
        var api = await Context.APIRequest.GetAsync("/api/v1/no-such-route", new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {Infrastructure.HooklineApp.AdminKey}" } });
        Assert.Equal(404, api.Status);
        Assert.Equal("application/problem+json", api.Headers["content-type"]);
    }

    [Fact]
    public async Task ThePages_ReadOnAPhone()
    {
        var (tenant, userName, password) = await GroupUserAsync("Phone Motors");
        await using var context = await NewContextAsync(Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await ShotAsync("phone-sign-in", page);
        await SignInAsync(userName, password, page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Locations", Level = 1 })).ToBeVisibleAsync();
        await ShotAsync("phone-locations", page);
        await page.GotoAsync($"/locations/{tenant.LocationId}");
        await ShotAsync("phone-location", page);
        await page.GotoAsync($"/locations/{tenant.LocationId}/edit");
        await ShotAsync("phone-edit", page);
        // Nothing is wider than the screen: tables and tabs scroll inside their own boxes.
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= Phone.Width, $"the page is {width} px wide on a {Phone.Width} px phone");
    }

    [Fact]
    public async Task EveryStyleSheetAndScript_IsServedByHooklineItself()
    {
        var outside = new List<string>();
        Page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(App.BaseAddress.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                outside.Add(request.Url);
        };
        var failed = new List<string>();
        Page.Response += (_, response) =>
        {
            if (response.Status >= 400) failed.Add($"{response.Status} {response.Url}");
        };
        await SignInAsAdminAsync();
        await Page.GotoAsync("/users");
        await Expect(Heading("Users")).ToBeVisibleAsync();
        var background = await Page.EvaluateAsync<string>("getComputedStyle(document.querySelector('header')).backgroundColor");
        Assert.NotEqual("rgba(0, 0, 0, 0)", background);
        Assert.Empty(outside);
        Assert.Empty(failed);
    }
}
