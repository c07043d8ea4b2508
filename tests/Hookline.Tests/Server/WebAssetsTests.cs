using System.Net;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Server;

/// <summary>The built server, run as an operator runs it (Production, no Development-only asset serving), serves the UI's own files.</summary>
public class WebAssetsTests
{
    [Fact]
    public async Task TheBuiltServer_ServesTheStyleSheetAndBlazorsScript_AndTheSignInPageUsesThem()
    {
        await using var server = await HooklineProcess.StartAsync(await HooklineApp.SettingsAsync(Databases.Sqlite));
        using var client = server.Client(apiKey: null);
        var page = await client.GetStringAsync("/sign-in");
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
        foreach (var asset in new[] { "app.css", "_framework/blazor.web.js" })
        {
            var href = System.Text.RegularExpressions.Regex.Match(page, $"(?:href|src)=\"({asset.Replace(".", "[.][^\"]*", StringComparison.Ordinal)})\"");
            Assert.True(href.Success, $"the sign-in page does not load {asset}: {page}");
            using var response = await client.GetAsync("/" + href.Groups[1].Value);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{href.Groups[1].Value} answered {(int)response.StatusCode}:\n{server.Output}");
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000, $"{href.Groups[1].Value} is nearly empty");
        }
    }
}
