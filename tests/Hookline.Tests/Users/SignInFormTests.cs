using System.Net;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Users;

/// <summary>The sign-in and sign-out forms over plain HTTP: what a forged post from another site gets.</summary>
public class SignInFormTests
{
    [Fact]
    public async Task SignIn_WithoutTheAntiforgeryToken_IsRefused()
    {
        var app = await HooklineApp.For(Databases.Sqlite);
        using var client = SignInClient.Anonymous(app.BaseAddress);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in", ["Input.UserName"] = "admin", ["Input.Password"] = HooklineApp.AdminPassword,
        });
        using var response = await client.PostAsync("/sign-in", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("hookline_session", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignOut_WithoutTheAntiforgeryToken_IsRefused_AndTheSessionGoesOn()
    {
        var app = await HooklineApp.For(Databases.Sqlite);
        using var client = await SignInClient.SignInAsync(app.BaseAddress, "admin", HooklineApp.AdminPassword);
        using (var forged = await client.PostAsync("/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>())))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var page = await client.GetAsync("/users");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task TheSessionCookie_IsHttpOnlyAndLax_AndSecureOnlyOverHttps()
    {
        var app = await HooklineApp.For(Databases.Sqlite);
        var (client, response) = await SignInClient.TrySignInAsync(app.BaseAddress, "admin", HooklineApp.AdminPassword);
        using (client)
        using (response)
        {
            var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hookline_session=", StringComparison.Ordinal));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
            // Plain HTTP here (SameAsRequest): over HTTPS the same cookie is marked Secure.
            Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        }
    }
}
