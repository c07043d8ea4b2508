namespace Hookline.Tests.Infrastructure;

/// <summary>A tenant's resources of every kind, for tests that sweep every route of the API.</summary>
public static class OwnedResources
{
    /// <summary>One resource of every kind, keyed by the path segment that precedes its id.</summary>
    public static async Task<Dictionary<string, string>> CreateAsync(Tenant owner)
    {
        var template = await owner.Client.PostOk("/api/v1/templates", new { name = "t", type = "json", format = """{"phone": "%ani%"}""" });
        var webhook = await owner.Client.PostOk($"/api/v1/locations/{owner.LocationId}/webhooks",
            new { name = "w", url = "http://127.0.0.1:9/", templateId = template.GetProperty("id").GetString() });
        var treatment = await owner.Client.PostOk($"/api/v1/locations/{owner.LocationId}/treatments", new { name = "menu" });
        var number = "555" + Random.Shared.NextInt64(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var webhookId = webhook.GetProperty("id").GetString()!;
        var campaign = await owner.Client.PostOk($"/api/v1/locations/{owner.LocationId}/campaigns",
            new { name = "c", kind = "offline", trackingNumbers = new[] { number }, webhooks = new[] { new { webhookId, at = "begin" } } });
        await owner.Client.PostOk("/api/v1/calls/events", new { type = "call.begin", callid = Guid.NewGuid().ToString(), tracking = number });
        var delivery = (await owner.Client.GetOk($"/api/v1/deliveries?webhookId={webhookId}"))[0];
        var key = await owner.Client.PostOk($"/api/v1/groups/{owner.GroupId}/api-keys", new { name = "k" });
        var user = await owner.App.Client().PostOk("/api/v1/users", new { userName = $"u{Guid.NewGuid():N}"[..16], password = "owner's password", groupId = owner.GroupId });
        return new Dictionary<string, string>
        {
            ["groups"] = owner.GroupId,
            ["locations"] = owner.LocationId,
            ["templates"] = template.GetProperty("id").GetString()!,
            ["webhooks"] = webhookId,
            ["deliveries"] = delivery.GetProperty("id").GetString()!,
            ["treatments"] = treatment.GetProperty("id").GetString()!,
            ["campaigns"] = campaign.GetProperty("id").GetString()!,
            ["api-keys"] = key.GetProperty("id").GetString()!,
            ["tracking"] = number,
            ["users"] = user.GetProperty("id").GetString()!,
        };
    }
}
