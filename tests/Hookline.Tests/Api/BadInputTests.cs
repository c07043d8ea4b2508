using System.Net;
using System.Text;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Api;

/// <summary>Whatever a client sends, the answer is a 4xx problem that names what is wrong, and nothing is stored.</summary>
public class BadInputTests
{
    private static string[] CreateRoutes(Tenant t) =>
    [
        "/api/v1/groups", $"/api/v1/groups/{t.GroupId}/api-keys", "/api/v1/locations", "/api/v1/templates",
        $"/api/v1/locations/{t.LocationId}/webhooks", $"/api/v1/locations/{t.LocationId}/campaigns",
        $"/api/v1/locations/{t.LocationId}/treatments",
    ];

    private static async Task<HttpResponseMessage> PostRaw(HttpClient client, string path, string body) =>
        await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<string> SnapshotAsync(Tenant t) =>
        (await t.Client.GetOk("/api/v1/locations")).GetRawText()
        + (await t.Client.GetOk($"/api/v1/locations/{t.LocationId}/webhooks")).GetRawText()
        + (await t.Client.GetOk($"/api/v1/locations/{t.LocationId}/campaigns")).GetRawText()
        + (await t.Client.GetOk($"/api/v1/locations/{t.LocationId}/treatments")).GetRawText()
        + (await t.Client.GetOk($"/api/v1/groups/{t.GroupId}/api-keys")).GetRawText()
        + (await t.Client.GetOk($"/api/v1/templates?locationId={t.LocationId}")).GetRawText();

    [Theory, Providers]
    public async Task MalformedJson_Is400_OnEveryCreateRoute(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var admin = tenant.App.Client();
        var before = await SnapshotAsync(tenant);
        foreach (var route in CreateRoutes(tenant))
        {
            foreach (var body in new[] { "{\"name\": ", "not json", "[1, 2]", "", "null", "  " })
            {
                using var response = await PostRaw(admin, route, body);
                var problem = await response.Problem(HttpStatusCode.BadRequest);
                Assert.True(problem.TryGetProperty("detail", out _), $"{route} with '{body}': {problem}");
                Assert.True(problem.ErrorFields().Count > 0, $"{route} with '{body}' names no field: {problem}");
            }
        }
        Assert.Equal(before, await SnapshotAsync(tenant));
    }

    [Theory, Providers]
    public async Task AnEmptyOrNullBody_Is400_NamingTheBody(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        foreach (var route in CreateRoutes(tenant))
        {
            foreach (var body in new[] { "", "null" })
            {
                using var response = await PostRaw(tenant.App.Client(), route, body);
                var problem = await response.Problem(HttpStatusCode.BadRequest);
                Assert.Equal(["body"], problem.ErrorFields());
                Assert.DoesNotContain("Implicit body", problem.ToString(), StringComparison.Ordinal);
            }
        }
    }

    [Theory, Providers]
    public async Task ABodyThatIsNotJson_Is400_NamingTheBody(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        foreach (var route in CreateRoutes(tenant).Append("/api/v1/calls/events"))
        {
            using var response = await tenant.App.Client().PostAsync(route, new StringContent("""{"name": "x"}""", Encoding.UTF8, "text/plain"));
            var problem = await response.Problem(HttpStatusCode.BadRequest);
            Assert.Equal(["body"], problem.ErrorFields());
            Assert.Contains("application/json", problem.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Theory, Providers]
    public async Task AQueryParameterOfTheWrongType_Is400_NamingIt(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        foreach (var (query, field) in new[] { ("since=garbage", "since"), ("limit=abc", "limit"), ("limit=0", "limit"), ("before=garbage", "before") })
        {
            using var response = await tenant.Client.GetAsync($"/api/v1/deliveries?{query}");
            var problem = await response.Problem(HttpStatusCode.BadRequest);
            Assert.Equal([field], problem.ErrorFields());
            Assert.DoesNotContain("Failed to bind", problem.ToString(), StringComparison.Ordinal);
        }
        using (var response = await tenant.Client.DeleteAsync($"/api/v1/locations/{tenant.LocationId}?force=maybe"))
            Assert.Equal(["force"], (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal("Auto ID", (await tenant.Client.GetOk($"/api/v1/locations/{tenant.LocationId}")).GetProperty("name").GetString());
    }

    [Theory, Providers]
    public async Task APreviewCallOfTheWrongShape_IsKeyedByWhereItIsWrong(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        using (var response = await PostRaw(tenant.Client, "/api/v1/templates/builtin-standard-json/preview", """{"at": "end", "call": "x"}"""))
            Assert.Equal(["call"], (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
        using (var response = await PostRaw(tenant.Client, "/api/v1/templates/builtin-standard-json/preview", """{"at": "end", "call": {"tags": {"Region": []}}}"""))
            Assert.Equal(["call.tags.Region"], (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Theory, Providers]
    public async Task JsonNestedTooDeeply_IsSaidSo_NotCalledInvalid(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var deep = "{\"name\": \"x\", \"extra\": " + string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100)) + "}";
        foreach (var route in new[] { "/api/v1/locations", "/api/v1/calls/events" })
        {
            using var response = await PostRaw(tenant.Client, route, deep);
            var problem = await response.Problem(HttpStatusCode.BadRequest);
            Assert.Contains("deep", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("not valid JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(problem.ErrorFields().Count > 0, problem.ToString());
        }
    }

    [Theory, Providers]
    public async Task AMemberGivenTwice_Is400_NamingIt(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        using (var response = await PostRaw(tenant.Client, "/api/v1/locations", """{"name": "a", "name": "b"}"""))
            Assert.Equal(["name"], (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
        using (var response = await PostRaw(tenant.Client, "/api/v1/calls/events", """{"type": "call.begin", "callid": "dup-1", "type": "call.end"}"""))
            Assert.Equal(["type"], (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(0, (await tenant.Client.GetOk("/api/v1/deliveries?callId=dup-1")).GetArrayLength());
    }

    [Theory, Providers]
    public async Task WrongType_Is400_NamingTheField(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        using (var response = await PostRaw(tenant.Client, "/api/v1/locations", """{"name": 42}"""))
            Assert.Contains("name", (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
        using (var response = await PostRaw(tenant.Client, $"/api/v1/locations/{tenant.LocationId}/webhooks",
            """{"name": "w", "url": "http://127.0.0.1:9/", "templateId": "builtin-adf-xml", "successCodes": "200"}"""))
            Assert.Contains("successCodes", (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
        using (var response = await PostRaw(tenant.Client, $"/api/v1/locations/{tenant.LocationId}/campaigns",
            """{"name": "c", "kind": "offline", "tags": {"Region": {"nested": true}}}"""))
            Assert.Contains("tags.Region", (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Theory, Providers]
    public async Task MissingRequiredFields_Are400_NamingEach(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        using (var response = await PostRaw(tenant.Client, $"/api/v1/locations/{tenant.LocationId}/webhooks", "{}"))
        {
            var fields = (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields();
            Assert.Contains("name", fields);
            Assert.Contains("url", fields);
            Assert.Contains("templateId", fields);
        }
        using (var response = await PostRaw(tenant.Client, "/api/v1/templates", "{}"))
        {
            var fields = (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields();
            Assert.Contains("name", fields);
            Assert.Contains("type", fields);
            Assert.Contains("format", fields);
        }
    }

    [Theory, Providers]
    public async Task HugeString_Is400_NamingTheField(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        using var response = await PostRaw(tenant.Client, "/api/v1/locations", $$"""{"name": "{{new string('x', 100_000)}}"}""");
        Assert.Contains("name", (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Theory, Providers]
    public async Task BodyOver1MiB_Is413(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var before = await SnapshotAsync(tenant);
        // Expect: 100-continue lets the server answer before the body is sent, as a careful client would; without
        // it the server's early answer and closed connection can race the client's writing.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/locations")
        {
            Content = new StringContent($$"""{"name": "{{new string('x', 1_100_000)}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        using var response = await tenant.Client.SendAsync(request);
        await response.Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await SnapshotAsync(tenant));
    }

    [Theory, Providers]
    public async Task UnknownRoute_And_BadIds_Are4xx(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        foreach (var path in new[] { "/api/v1/nothing-here", "/api/v1/webhooks/%00%27;drop", "/api/v1/templates/" + new string('9', 500) })
        {
            using var response = await tenant.Client.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
        }
    }
}
