using System.Net;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Webhooks;

/// <summary>The webhook page's forms and the wizard's circuit over plain HTTP: what a forged post or a visitor without a session gets.</summary>
public class WebhookPageFormTests
{
    private static async Task<(Tenant Tenant, HttpClient Browser, string WebhookId)> SignedInAsync()
    {
        var app = await HooklineApp.For(Databases.Sqlite);
        var tenant = await Tenant.CreateAsync(app, "Forged Motors");
        var userName = $"f-{Guid.NewGuid():N}"[..14];
        const string password = "a group user's password";
        await app.Client().PostOk("/api/v1/users", new { userName, password, groupId = tenant.GroupId });
        var webhook = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks",
            new { name = "CRM", url = "https://crm.example.com/in", templateId = "builtin-standard-json" });
        return (tenant, await SignInClient.SignInAsync(app.BaseAddress, userName, password), webhook.GetProperty("id").GetString()!);
    }

    [Theory]
    [InlineData("rotate")]
    [InlineData("delete")]
    [InlineData("send-test")]
    [InlineData("recover")]
    public async Task AWebhookPageForm_WithoutTheAntiforgeryToken_IsRefused_AndChangesNothing(string form)
    {
        var (tenant, browser, id) = await SignedInAsync();
        using (browser)
        {
            using var forged = await browser.PostAsync($"/webhooks/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = form, ["RecoverInput.Since"] = "2020-01-01T00:00:00", ["DeleteInput.Force"] = "true",
            }));
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            await tenant.Client.GetOk($"/api/v1/webhooks/{id}");
            var page = await browser.GetStringAsync($"/webhooks/{id}");
            Assert.DoesNotContain("Signing secret", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheWizardsCircuit_NeedsTheSignInCookie()
    {
        var (_, browser, _) = await SignedInAsync();
        using (browser)
        {
            using var anonymous = SignInClient.Anonymous(browser.BaseAddress!);
            using var refused = await anonymous.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
            Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Found, $"answered {(int)refused.StatusCode}");
            using var accepted = await browser.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
    }
}
