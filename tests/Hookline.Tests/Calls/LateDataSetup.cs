using System.Text.Json;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Calls;

/// <summary>
/// A tenant's webhook to a receiver with the settings of API.md's additions (conditions, waitFor, sendUpdates), fired
/// by a campaign (tag Region: south) on a fresh tracking number at the moments given.
/// </summary>
internal sealed record LateDataSetup(Tenant Tenant, string Number, string WebhookId)
{
    public const string Template = """
        {"callid": "%callid%", "event": "%event%", "status": "%lead_status%", "dialstatus": "%dialstatus%",
         "recording": "%rec_audiourl%", "first": "%ani_first_name%"}
        """;

    public static async Task<LateDataSetup> CreateAsync(
        Tenant tenant, TestReceiver receiver, string[] moments, object? conditions = null, object? waitFor = null, bool sendUpdates = false,
        string format = Template)
    {
        var template = await tenant.Client.PostOk("/api/v1/templates", new { name = "lead", type = "json", format });
        var webhook = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks", new
        {
            name = "CRM", url = receiver.Url("/leads").ToString(), templateId = template.GetProperty("id").GetString(),
            conditions, waitFor, sendUpdates,
        });
        var webhookId = webhook.GetProperty("id").GetString()!;
        var number = CallSetup.NewNumber();
        await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/campaigns", new
        {
            name = "Spring radio", kind = "offline", trackingNumbers = new[] { number }, tags = new Dictionary<string, string> { ["Region"] = "south" },
            webhooks = moments.Select(at => new { webhookId, at }).ToArray(),
        });
        return new LateDataSetup(tenant, number, webhookId);
    }

    public static string NewCallId() => Guid.NewGuid().ToString();

    public object Begin(string callId, string repeatCaller = "0") =>
        new { type = "call.begin", callid = callId, tracking = Number, ani = "7776734736", ani_first_name = "Freddy", repeat_caller = repeatCaller };

    public static object End(string callId, string dialstatus = "ANSWER") =>
        new { type = "call.end", callid = callId, dialed_time = 36, answered_time = 29, dialstatus };

    public Task Post(params object[] events) => Tenant.Client.PostOk("/api/v1/calls/events", events.Length == 1 ? events[0] : events);

    public async Task<List<JsonElement>> SkippedAsync() => [.. (await Tenant.Client.GetOk($"/api/v1/webhooks/{WebhookId}/skipped")).EnumerateArray()];

    public static JsonElement Body(ReceivedRequest request) => JsonDocument.Parse(request.Body).RootElement;
}
