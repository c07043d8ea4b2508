using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hookline.Tests.Infrastructure;

/// <summary>A fresh group with its own API key and one location: what a customer has after onboarding.</summary>
public sealed class Tenant
{
    private Tenant(IHooklineServer server, string groupId, string key, string locationId)
    {
        Server = server;
        GroupId = groupId;
        Key = key;
        LocationId = locationId;
        Client = server.Client(key);
    }

    public IHooklineServer Server { get; }

    /// <summary>The in-process server, for tests that reach into its services.</summary>
    public HooklineApp App => Server as HooklineApp ?? throw new InvalidOperationException("This tenant lives on a server process.");
    public string GroupId { get; }
    public string Key { get; }
    public string LocationId { get; }
    public HttpClient Client { get; }

    /// <summary>A tenant on the shared server of <paramref name="provider"/> (and settings profile).</summary>
    public static async Task<Tenant> CreateAsync(string provider, string name = "Acme Motors", Dictionary<string, string?>? profile = null) =>
        await CreateAsync(await HooklineApp.For(provider, profile), name);

    public static async Task<Tenant> CreateAsync(IHooklineServer app, string name = "Acme Motors")
    {
        var admin = app.Client();
        var group = await admin.PostOk("/api/v1/groups", new { name });
        var groupId = group.GetProperty("id").GetString()!;
        var key = (await admin.PostOk($"/api/v1/groups/{groupId}/api-keys", new { name = "crm" })).GetProperty("key").GetString()!;
        var location = await app.Client(key).PostOk("/api/v1/locations", new
        {
            name = "Auto ID", addressLine1 = "157 Main Street", city = "Los Angeles", state = "CA", zip = "91741",
            accountId = "26627332", externalLocationId = "3242243", siteId = "4567", domainId = "1234",
        });
        return new Tenant(app, groupId, key, location.GetProperty("id").GetString()!);
    }
}

public static class HttpJson
{
    /// <summary>POSTs JSON and asserts a 2xx answer; returns its body.</summary>
    public static async Task<JsonElement> PostOk(this HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        return await response.OkJson();
    }

    public static async Task<JsonElement> PutOk(this HttpClient client, string path, object body)
    {
        using var response = await client.PutAsJsonAsync(path, body);
        return await response.OkJson();
    }

    public static async Task<JsonElement> GetOk(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.OkJson();
    }

    public static async Task<JsonElement> OkJson(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>GETs <paramref name="path"/> until its JSON satisfies <paramref name="done"/> (every 50 ms, 30 s at most); returns it.</summary>
    public static async Task<JsonElement> GetUntil(this HttpClient client, string path, Func<JsonElement, bool> done, string expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var body = await client.GetOk(path);
            if (done(body)) return body;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"GET {path} never showed {expected}; last: {body}");
            await Task.Delay(50);
        }
    }

    /// <summary>Asserts a problem response of <paramref name="status"/>; returns it.</summary>
    public static async Task<JsonElement> Problem(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The names of the fields a validation problem blames.</summary>
    public static IReadOnlyList<string> ErrorFields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(e => e.Name)] : [];
}
