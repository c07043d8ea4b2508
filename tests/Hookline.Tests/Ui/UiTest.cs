using System.Runtime.CompilerServices;
using Hookline.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Hookline.Tests.Ui;

/// <summary>
/// A test that uses the web UI as a person does, by labels, headings and button names, in a fresh browser context
/// on the shared SQLite server. Every step can leave a screenshot in <see cref="BrowserFixture.ScreenshotFolder"/>.
/// </summary>
[Collection(UiTests.Name)]
public abstract class UiTest(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    public static readonly ViewportSize Laptop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private int _step;
    private string _test = "";

    protected HooklineApp App { get; private set; } = null!;
    protected IBrowserContext Context { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;

    /// <summary>The settings profile of the shared server the test runs on (<see cref="HooklineApp.ShortWindow"/>, …); null for the plain one.</summary>
    protected virtual Dictionary<string, string?>? Profile => null;

    public async Task InitializeAsync()
    {
        App = await HooklineApp.For(Databases.Sqlite, Profile);
        Context = await NewContextAsync();
        Page = await Context.NewPageAsync();
    }

    public async Task DisposeAsync() => await Context.DisposeAsync();

    protected async Task<IBrowserContext> NewContextAsync(ViewportSize? viewport = null, Dictionary<string, string>? headers = null)
    {
        var options = new BrowserNewContextOptions { BaseURL = App.BaseAddress.ToString(), ViewportSize = viewport ?? Laptop };
        if (headers is not null) options.ExtraHTTPHeaders = headers;
        var context = await browser.Browser.NewContextAsync(options);
        // What the browser said goes to the test's output, so a failure shows the script error behind it.
        context.Page += (_, page) =>
        {
            page.Console += (_, message) => { if (message.Type is "error" or "warning") Say($"browser {message.Type}: {message.Text} ({page.Url})"); };
            page.PageError += (_, error) => Say($"browser page error: {error} ({page.Url})");
        };
        return context;
    }

    private void Say(string line)
    {
        try { output.WriteLine(line); }
        catch (InvalidOperationException) { } // the test has ended: nothing is listening
    }

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    /// <summary>
    /// The page's own alert, in its main content. The layout's Blazor error banner is an alert too; on a loaded machine it
    /// has now and then appeared on the static sign-in page (cause not found yet: the browser's console is in the test's
    /// output), and it is not what these tests are about.
    /// </summary>
    protected ILocator Alert() => Page.Locator("main").GetByRole(AriaRole.Alert);

    protected ILocator Heading(string name) => Page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1, Exact = true });

    protected ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    protected ILocator Link(string name) => Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    protected ILocator Field(string label) => Page.GetByLabel(label, new() { Exact = true });

    /// <summary>Fills the sign-in form of the page it is on and submits it.</summary>
    protected async Task SignInAsync(string userName, string password, IPage? page = null)
    {
        page ??= Page;
        await page.GetByLabel("User name", new() { Exact = true }).FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    /// <summary>Goes to the sign-in page and signs in as the bootstrap admin.</summary>
    protected async Task SignInAsAdminAsync()
    {
        await Page.GotoAsync("/sign-in");
        await SignInAsync("admin", HooklineApp.AdminPassword);
        await Expect(Heading("Locations")).ToBeVisibleAsync();
    }

    /// <summary>A group with a location (through the API) and a user of that group who signs in with <c>password</c>.</summary>
    protected async Task<(Tenant Tenant, string UserName, string Password)> GroupUserAsync(string groupName)
    {
        var tenant = await Tenant.CreateAsync(App, groupName);
        var userName = $"u-{Guid.NewGuid():N}"[..14];
        const string password = "a group user's password";
        await App.Client().PostOk("/api/v1/users", new { userName, password, groupId = tenant.GroupId });
        return (tenant, userName, password);
    }

    /// <summary>Saves a full-page screenshot of this step and says where.</summary>
    protected async Task ShotAsync(string what, IPage? page = null, [CallerMemberName] string test = "")
    {
        if (test != _test)
        {
            _test = test;
            _step = 0;
        }
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{GetType().Name}.{test}.{++_step:00}-{what}.png");
        await (page ?? Page).ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }
}
