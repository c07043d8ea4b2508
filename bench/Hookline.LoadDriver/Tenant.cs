using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hookline.LoadDriver;

/// <summary>
/// Made through the API as a user would: a group, its key, a location, and per webhook (Standard JSON, to the receiver's
/// /hook/N) a campaign on its own tracking number that fires it at begin and at end. With no webhook, one campaign that
/// fires nothing (the intake alone).
/// </summary>
public sealed record Tenant(HttpClient Client, IReadOnlyList<string> TrackingNumbers)
{
    public const string StandardJson = "builtin-standard-json";

    public static async Task<Tenant> CreateAsync(Uri server, Receiver receiver, int webhooks)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        using var admin = NewClient(server, ServerProcess.AdminKey);
        var group = await PostAsync(admin, "/api/v1/groups", new { name = "Load" });
        var key = await PostAsync(admin, $"/api/v1/groups/{group.GetProperty("id").GetString()}/api-keys", new { name = "load" });
        var client = NewClient(server, key.GetProperty("key").GetString()!);
        var location = await PostAsync(client, "/api/v1/locations", new { name = "Load Motors", city = "Austin", state = "TX", accountId = "42" });
        var locationId = location.GetProperty("id").GetString();
        var numbers = new List<string>();
        for (var i = 0; i < Math.Max(1, webhooks); i++)
        {
            var number = "51255" + (10000 + i).ToString(CultureInfo.InvariantCulture);
            var hooks = new List<object>();
            if (webhooks > 0)
            {
                var webhook = await PostAsync(client, $"/api/v1/locations/{locationId}/webhooks", new
                {
                    name = $"CRM {i}", url = new Uri(receiver.BaseAddress, $"/hook/{i}").ToString(), templateId = StandardJson,
                });
                var id = webhook.GetProperty("id").GetString();
                hooks.Add(new { webhookId = id, at = "begin" });
                hooks.Add(new { webhookId = id, at = "end" });
            }
            await PostAsync(client, $"/api/v1/locations/{locationId}/campaigns", new
            {
                name = $"Load {i}", kind = "offline", trackingNumbers = new[] { number }, tags = new Dictionary<string, string> { ["Region"] = "south" },
                webhooks = hooks,
            });
            numbers.Add(number);
        }
        return new Tenant(client, numbers);
    }

    public static HttpClient NewClient(Uri server, string key)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{(int)response.StatusCode} POST {path}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
