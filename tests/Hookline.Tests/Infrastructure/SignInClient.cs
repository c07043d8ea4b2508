using System.Net;
using System.Text.RegularExpressions;

namespace Hookline.Tests.Infrastructure;

/// <summary>
/// A browser's cookies without the browser: signs in through the sign-in page's form (with its antiforgery token)
/// and keeps the session cookie, for tests of what that cookie opens.
/// </summary>
public static partial class SignInClient
{
    /// <summary>A client holding a sign-in cookie of <paramref name="userName"/>; redirects are not followed, so tests see them.</summary>
    public static async Task<HttpClient> SignInAsync(Uri baseAddress, string userName, string password)
    {
        var (client, response) = await TrySignInAsync(baseAddress, userName, password);
        using (response)
            Assert.True(response.StatusCode == HttpStatusCode.Found, $"signing in as {userName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>Posts the sign-in form; the answer is a redirect on success, the page again on failure.</summary>
    public static async Task<(HttpClient Client, HttpResponseMessage Response)> TrySignInAsync(Uri baseAddress, string userName, string password, string? returnUrl = null)
    {
        var client = Anonymous(baseAddress);
        var page = await client.GetStringAsync("/sign-in");
        var token = Token().Match(page);
        Assert.True(token.Success, "the sign-in page has no antiforgery token");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        var path = returnUrl is null ? "/sign-in" : $"/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}";
        return (client, await client.PostAsync(path, form));
    }

    /// <summary>A client with a cookie jar and no redirects followed.</summary>
    public static HttpClient Anonymous(Uri baseAddress) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
