using Microsoft.Playwright;

namespace Hookline.Tests.Ui;

/// <summary>
/// One headless Chromium for the whole run: the Debian package's <c>/usr/bin/chromium</c> (test.sh installs it),
/// never a downloaded browser. Each test opens a context of its own in it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where each step's screenshot goes, next to the test assembly.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: run the tests with ./test.sh, which installs the chromium package.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}

/// <summary>All browser tests run one after another: two cores do not run two Chromiums and a server well.</summary>
[CollectionDefinition(Name)]
public sealed class UiTests : ICollectionFixture<BrowserFixture>
{
    public const string Name = "UI";
}
