using System.Net;
using System.Text;
using System.Text.Json;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Api;

/// <summary>
/// Reads the served OpenAPI document and calls every operation in it, so a new route is covered
/// without anyone remembering to add it here.
/// </summary>
public class OpenApiSweepTests
{
    /// <summary>What only an admin key may do: a group's key gets 403, whatever it names.</summary>
    private static readonly HashSet<string> AdminOnly =
    [
        "POST /api/v1/groups", "GET /api/v1/users", "POST /api/v1/users", "DELETE /api/v1/users/{id}",
    ];

    internal static async Task<List<(HttpMethod Method, string Path)>> OperationsAsync(HooklineApp app)
    {
        using var anonymous = app.Client(apiKey: null);
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));
        var operations = new List<(HttpMethod, string)>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "delete" or "patch"))
                operations.Add((new HttpMethod(method.Name.ToUpperInvariant()), path.Name));
        Assert.True(operations.Count >= 30, $"the document lists only {operations.Count} operations");
        Assert.All(operations, o => Assert.StartsWith("/api/v1/", o.Item2, StringComparison.Ordinal));
        return operations;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string body = """{"name": "x"}""")
    {
        var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get && method != HttpMethod.Delete) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return request;
    }

    [Theory, Providers]
    public async Task EveryOperation_WithoutKey_Is401(string provider)
    {
        var app = await HooklineApp.For(provider);
        using var anonymous = app.Client(apiKey: null);
        foreach (var (method, path) in await OperationsAsync(app))
        {
            using var request = Request(method, path.Replace("{", "x", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal));
            using var response = await anonymous.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode} without a key");
        }
    }

    [Theory, Providers]
    public async Task EveryOperation_WithOnlyASignInCookie_Is401(string provider)
    {
        // The cookie is a browser's: were it accepted here, any site could make a signed-in person's browser call the API.
        var app = await HooklineApp.For(provider);
        using var browser = await SignInClient.SignInAsync(app.BaseAddress, "admin", HooklineApp.AdminPassword);
        using (var page = await browser.GetAsync("/users")) Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        foreach (var (method, path) in await OperationsAsync(app))
        {
            using var request = Request(method, path.Replace("{", "x", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal));
            using var response = await browser.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode} to a sign-in cookie");
        }
    }

    [Theory, Providers]
    public async Task EveryOperation_OnAnotherGroupsResources_Is404Or403_AndLeaksNothing(string provider)
    {
        var owner = await Tenant.CreateAsync(provider);
        var ids = await OwnedResources.CreateAsync(owner);
        var intruder = await Tenant.CreateAsync(provider, "Intruder Inc");
        var ownerBody = JsonSerializer.Serialize(new { groupId = owner.GroupId, name = "x", type = "json", format = "{}" });

        var operations = await OperationsAsync(owner.App);
        Assert.All(AdminOnly, o => Assert.Contains(o, operations.Select(op => $"{op.Method} {op.Path}")));
        foreach (var (method, path) in operations)
        {
            var segments = path.Split('/');
            var hasParameter = segments.Any(s => s.StartsWith('{'));
            var concrete = string.Join('/', segments.Select((s, i) => s.StartsWith('{') ? ids[segments[i - 1]] : s));
            using var request = Request(method, concrete, ownerBody);
            using var response = await intruder.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;

            // The intake carries no resource of another group: it is covered by the intake tests.
            if (path == "/api/v1/calls/events") continue;
            if (AdminOnly.Contains($"{method} {path}"))
                Assert.True(status == 403, $"{method} {concrete} answered {status} to a group's key: {text}");
            else if (hasParameter || method == HttpMethod.Post && path is "/api/v1/locations" or "/api/v1/templates")
                Assert.True(status is 403 or 404, $"{method} {concrete} answered {status} to another group's key: {text}");
            else
                Assert.True(response.IsSuccessStatusCode || status is 400 or 422, $"{method} {concrete} answered {status}: {text}");
            foreach (var id in ids.Values)
                Assert.False(text.Contains(id, StringComparison.Ordinal), $"{method} {concrete} showed {id} to another group: {text}");
        }
        // The owner's data is intact after the intruder's attempts.
        Assert.Equal("Auto ID", (await owner.Client.GetOk($"/api/v1/locations/{owner.LocationId}")).GetProperty("name").GetString());
    }
}
