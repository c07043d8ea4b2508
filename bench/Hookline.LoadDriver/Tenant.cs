using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hookline.LoadDriver;

/// <summary>A group, its key, a location, a template, <c>n</c> webhooks to the receiver and a begin-only campaign, made through the API.</summary>
public sealed record Tenant(HttpClient Client, string TrackingNumber)
{
    /// <summary>About 700 bytes rendered; <c>callid</c> first, where the receiver looks for it.</summary>
    private const string Template = """
        {"callid": "%callid%", "tracking": "%tracking%", "ani": "%ani%", "call_start_time": "%call_start_time%",
         "caller": {"first": "%ani_first_name%", "last": "%ani_last_name%", "city": "%ani_city%", "state": "%ani_state%"},
         "location": {"name": "%location_name%", "city": "%location_address_city%", "account": "%account_id%"},
         "campaign": "%campaign_name%", "tags": "", "landing": "%landing_domain%", "source": "%utm_source%",
         "notes": "Lead from the load driver: a body of realistic size, rendered from the call's data for each delivery."}
        """;

    public static async Task<Tenant> CreateAsync(Uri server, Receiver receiver, int webhooks)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        using var admin = NewClient(server, ServerHost.AdminKey);
        var group = await PostAsync(admin, "/api/v1/groups", new { name = "Load" });
        var key = await PostAsync(admin, $"/api/v1/groups/{group.GetProperty("id").GetString()}/api-keys", new { name = "load" });
        var client = NewClient(server, key.GetProperty("key").GetString()!);
        var location = await PostAsync(client, "/api/v1/locations", new { name = "Load Motors", city = "Austin", state = "TX", accountId = "42" });
        var locationId = location.GetProperty("id").GetString();
        var template = await PostAsync(client, "/api/v1/templates", new
        {
            name = "lead", type = "json", format = Template, mappings = new Dictionary<string, string> { ["tags"] = "%tags%" },
        });
        var hooks = new List<object>();
        for (var i = 0; i < webhooks; i++)
        {
            var webhook = await PostAsync(client, $"/api/v1/locations/{locationId}/webhooks", new
            {
                name = $"CRM {i}", url = new Uri(receiver.BaseAddress, $"/hook/{i}").ToString(), templateId = template.GetProperty("id").GetString(),
            });
            hooks.Add(new { webhookId = webhook.GetProperty("id").GetString(), at = "begin" });
        }
        const string number = "5125550100";
        await PostAsync(client, $"/api/v1/locations/{locationId}/campaigns", new
        {
            name = "Load", kind = "offline", trackingNumbers = new[] { number }, tags = new Dictionary<string, string> { ["Region"] = "south" }, webhooks = hooks,
        });
        return new Tenant(client, number);
    }

    public static HttpClient NewClient(Uri server, string key)
    {
        var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
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
