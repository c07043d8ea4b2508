using System.Net;
using System.Text;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Api;

/// <summary>
/// PostgreSQL text cannot hold a NUL character: wherever one comes in (a body, a query, an intake event), the
/// answer is a 400 naming the field, on both databases, and nothing is stored.
/// </summary>
public class NulCharacterTests
{
    private const string Nul = "a\\u0000b";

    private static async Task<IReadOnlyList<string>> PostFields(HttpClient client, string path, string json)
    {
        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields();
    }

    [Theory, Providers]
    public async Task ANulInAnIntakeEvent_Is400_NamingTheField(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        Assert.Contains("callid", await PostFields(tenant.Client, "/api/v1/calls/events", $$"""{"type": "call.begin", "callid": "{{Nul}}"}"""));
        Assert.Contains("tracking", await PostFields(tenant.Client, "/api/v1/calls/events",
            $$"""{"type": "call.begin", "callid": "c-nul-1", "tracking": "{{Nul}}"}"""));
        Assert.Contains("[1].question", await PostFields(tenant.Client, "/api/v1/calls/events",
            $$"""[{"type": "call.begin", "callid": "c-nul-2"}, {"type": "call.prompt", "callid": "c-nul-2", "question": "{{Nul}}", "response": "1"}]"""));
        Assert.Equal(0, (await tenant.Client.GetOk("/api/v1/deliveries?callId=c-nul-2")).GetArrayLength());
    }

    [Theory, Providers]
    public async Task ANulInAnIdOfABody_Is400_NamingTheField(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var admin = tenant.App.Client();
        Assert.Contains("groupId", await PostFields(admin, "/api/v1/locations", $$"""{"groupId": "{{Nul}}", "name": "x"}"""));
        Assert.Contains("groupId", await PostFields(admin, "/api/v1/templates", $$"""{"groupId": "{{Nul}}", "name": "t", "type": "json", "format": "{}"}"""));
        Assert.Contains("templateId", await PostFields(tenant.Client, $"/api/v1/locations/{tenant.LocationId}/webhooks",
            $$"""{"name": "w", "url": "http://127.0.0.1:9/", "templateId": "{{Nul}}"}"""));
        Assert.Contains("treatmentId", await PostFields(tenant.Client, $"/api/v1/locations/{tenant.LocationId}/campaigns",
            $$"""{"name": "c", "kind": "offline", "treatmentId": "{{Nul}}"}"""));
        Assert.Contains("tags", await PostFields(tenant.Client, $"/api/v1/locations/{tenant.LocationId}/campaigns",
            $$$"""{"name": "c", "kind": "offline", "tags": {"{{{Nul}}}": "v"}}"""));
        Assert.Equal(0, (await tenant.Client.GetOk($"/api/v1/locations/{tenant.LocationId}/campaigns")).GetArrayLength());
        Assert.Equal(0, (await tenant.Client.GetOk($"/api/v1/locations/{tenant.LocationId}/webhooks")).GetArrayLength());
    }

    [Theory, Providers]
    public async Task ANulInAQueryParameter_Is400_NamingTheParameter(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        foreach (var (path, field) in new[]
        {
            ("/api/v1/deliveries?callId=%00", "callId"), ("/api/v1/deliveries?webhookId=a%00", "webhookId"),
            ("/api/v1/templates?locationId=%00", "locationId"), ("/api/v1/locations?groupId=%00", "groupId"),
        })
        {
            using var response = await tenant.Client.GetAsync(path);
            Assert.Contains(field, (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
        }
    }

    [Theory, Providers]
    public async Task ANulInAPostedForm_Is400_NamingTheField(string provider)
    {
        var app = await HooklineApp.For(provider);
        var (client, response) = await SignInClient.TrySignInAsync(app.BaseAddress, "ad\0min", HooklineApp.AdminPassword);
        using (client)
        using (response)
            Assert.Equal(["form"], (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
    }
}
