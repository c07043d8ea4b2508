using System.Text.RegularExpressions;
using Hookline.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Hookline.Tests.Ui;

public class SignInPageTests(BrowserFixture browser, ITestOutputHelper output) : UiTest(browser, output)
{
    [Fact]
    public async Task SignInPage_AsksForUserNameAndPassword()
    {
        var response = await Page.GotoAsync("/sign-in");
        Assert.Equal(200, response!.Status);
        await Expect(Heading("Sign in")).ToBeVisibleAsync();
        await Expect(Field("User name")).ToBeVisibleAsync();
        await Expect(Field("Password")).ToHaveAttributeAsync("type", "password");
        await Expect(Button("Sign in")).ToBeVisibleAsync();
        await Expect(Page.Locator("h1")).ToHaveCountAsync(1);
        await ShotAsync("sign-in");
    }

    [Fact]
    public async Task SigningIn_AndSigningOut_WorkByKeyboardAlone()
    {
        await Page.GotoAsync("/sign-in");
        // Each page puts the focus on its name, so the next Tab reaches the first field.
        await Expect(Heading("Sign in")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Field("User name")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("admin");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync(HooklineApp.AdminPassword);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Heading("Locations")).ToBeVisibleAsync();
        await Button("Sign out").FocusAsync();
        await ShotAsync("focus-visible");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Heading("Sign in")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task WrongPassword_AndUnknownName_BothSayInvalidUserNameOrPassword()
    {
        await Page.GotoAsync("/sign-in");
        await SignInAsync("admin", "not the password at all");
        await Expect(Alert()).ToContainTextAsync("Invalid user name or password");
        await Expect(Field("User name")).ToHaveValueAsync("admin");
        await ShotAsync("wrong-password");

        await SignInAsync("nobody-by-this-name", "whatever it may be");
        await Expect(Alert()).ToContainTextAsync("Invalid user name or password");
        await Expect(Heading("Sign in")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task FiveFailuresInARow_LockTheAccount_SoTheSixthTryWithTheRightPasswordIsRefused()
    {
        var (_, userName, password) = await GroupUserAsync("Lockout Motors");
        await Page.GotoAsync("/sign-in");
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(userName, $"wrong password number {i}");
            await Expect(Alert()).ToContainTextAsync("Invalid user name or password");
        }
        await SignInAsync(userName, password);
        await Expect(Alert()).ToContainTextAsync("Invalid user name or password");
        await Expect(Heading("Sign in")).ToBeVisibleAsync();
        await ShotAsync("locked-out");
    }

    [Fact]
    public async Task FourFailures_ThenTheRightPassword_SignsIn()
    {
        var (_, userName, password) = await GroupUserAsync("Almost Locked");
        await Page.GotoAsync("/sign-in");
        for (var i = 0; i < 4; i++) await SignInAsync(userName, $"wrong password number {i}");
        await SignInAsync(userName, password);
        await Expect(Heading("Locations")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task EveryPage_SendsAnUnsignedVisitorToSignIn_AndBackThereAfterSigningIn()
    {
        var tenant = await Tenant.CreateAsync(App, "Deep Link Motors");
        string[] pages = ["/", "/locations/new", $"/locations/{tenant.LocationId}", $"/locations/{tenant.LocationId}/edit",
            "/users", "/users/new", "/groups", "/groups/new"];
        foreach (var path in pages)
        {
            await using var context = await NewContextAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync(path);
            await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?returnUrl="));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
            await SignInAsync("admin", HooklineApp.AdminPassword, page);
            await Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, path).ToString());
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
            await Expect(page.Locator("h1")).ToHaveCountAsync(1);
        }
    }

    [Fact]
    public async Task AReturnAddressOnAnotherSite_LeadsToLocationsInstead()
    {
        await Page.GotoAsync("/sign-in?returnUrl=" + Uri.EscapeDataString("//example.com/steal"));
        await SignInAsync("admin", HooklineApp.AdminPassword);
        await Expect(Heading("Locations")).ToBeVisibleAsync();
        Assert.Equal(new Uri(App.BaseAddress, "/"), new Uri(Page.Url));
    }

    [Fact]
    public async Task AnApiKey_OpensNoPage()
    {
        await using var context = await NewContextAsync(headers: new() { ["Authorization"] = $"Bearer {HooklineApp.AdminKey}" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/users");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?returnUrl=%2Fusers"));
    }

    [Fact]
    public async Task TheSignInCookie_OpensNoApiRoute_AndIsHttpOnlyAndLax()
    {
        await SignInAsAdminAsync();
        var cookie = Assert.Single(await Context.CookiesAsync(), c => c.Name == "hookline_session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        var response = await Context.APIRequest.GetAsync("/api/v1/locations");
        Assert.Equal(401, response.Status);
        var page = await Context.APIRequest.GetAsync("/users");
        Assert.Equal(200, page.Status);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        await SignInAsAdminAsync();
        await ShotAsync("signed-in");
        await Button("Sign out").ClickAsync();
        await Expect(Heading("Sign in")).ToBeVisibleAsync();
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(new Regex("/sign-in"));
        await ShotAsync("signed-out");
    }
}
