using System.Net;
using System.Text.Json;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Api;

public class ApiReferenceTests
{
    [Fact]
    public async Task OpenApiDocument_DescribesEveryRoute_WithTheBearerScheme()
    {
        var app = await HooklineApp.For(Databases.Sqlite);
        using var anonymous = app.Client(apiKey: null);
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        Assert.Equal("bearer", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("scheme").GetString());
        var paths = root.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/groups", "/api/v1/locations/{id}", "/api/v1/tokens", "/api/v1/templates/{id}/preview",
            "/api/v1/locations/{locationId}/webhooks", "/api/v1/calls/events", "/api/v1/deliveries/{id}/retry", "/api/v1/webhooks/{id}/recover" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the document");
        var createWebhook = paths.GetProperty("/api/v1/locations/{locationId}/webhooks").GetProperty("post");
        Assert.True(createWebhook.TryGetProperty("requestBody", out _));
        Assert.True(createWebhook.GetProperty("responses").TryGetProperty("201", out _));
    }

    [Fact]
    public async Task ReferencePage_IsServedLocally_WithoutAnyCdn()
    {
        var app = await HooklineApp.For(Databases.Sqlite);
        using var anonymous = app.Client(apiKey: null);
        using var page = await anonymous.GetAsync("/reference/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"scalar.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        using var script = await anonymous.GetAsync("/reference/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000);
    }
}
