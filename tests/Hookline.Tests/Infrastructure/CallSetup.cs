using System.Globalization;

namespace Hookline.Tests.Infrastructure;

/// <summary>A tenant wired for calls: a template, a webhook to a receiver, a campaign on a fresh tracking number.</summary>
public sealed record CallSetup(Tenant Tenant, string Number, string WebhookId, string CampaignId)
{
    public const string LeadTemplate = """
        {"callid": "%callid%", "tracking": "%tracking%", "phone": "%ani%", "first": "%ani_first_name%",
         "location": "%location_name%", "campaign": "%campaign_name%", "region": "", "duration": 0,
         "steps": [{"q": "%question%", "pressed": "%response%"}], "landing": "%landing_domain%"}
        """;

    public static string NewNumber() => "555" + Random.Shared.NextInt64(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A campaign of <paramref name="kind"/> whose webhook (to <paramref name="receiver"/>) fires at each of <paramref name="moments"/>.
    /// </summary>
    public static async Task<CallSetup> CreateAsync(
        Tenant tenant, TestReceiver receiver, string kind = "offline", string[]? moments = null, object? treatmentOptions = null, int[]? successCodes = null)
    {
        var template = await tenant.Client.PostOk("/api/v1/templates", new
        {
            name = "lead", type = "json", format = LeadTemplate,
            mappings = new Dictionary<string, string> { ["region"] = "%tags%", ["duration"] = "%answered_time%" },
        });
        var webhook = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks", new
        {
            name = "CRM", url = receiver.Url("/leads").ToString(), templateId = template.GetProperty("id").GetString(),
            headers = new[] { new { name = "X-Api-Key", value = "k-123", secret = true } },
            successCodes = successCodes ?? [200, 201, 202, 203, 204],
        });
        var webhookId = webhook.GetProperty("id").GetString()!;
        string? treatmentId = null;
        if (treatmentOptions is not null)
        {
            var treatment = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/treatments",
                new { name = "Main menu", question = "one", options = treatmentOptions });
            treatmentId = treatment.GetProperty("id").GetString();
        }
        var number = NewNumber();
        var campaign = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/campaigns", new
        {
            name = "Spring radio", kind, trackingNumbers = new[] { number }, tags = new Dictionary<string, string> { ["Region"] = "south" },
            treatmentId, webhooks = (moments ?? ["begin", "end"]).Select(at => new { webhookId, at }).ToArray(),
        });
        return new CallSetup(tenant, number, webhookId, campaign.GetProperty("id").GetString()!);
    }

    public object Begin(string callId, bool dni = false) => dni
        ? new { type = "call.begin", callid = callId, tracking = Number, ani = "7776734736", ani_first_name = "Freddy", landing_domain = "example.com" }
        : new { type = "call.begin", callid = callId, tracking = Number, ani = "7776734736", ani_first_name = "Freddy" };

    public static object Prompt(string callId, string question, string response) =>
        new { type = "call.prompt", callid = callId, question, question_link = "http://app.example.com/prompts/1.wav", response };

    public static object End(string callId) =>
        new { type = "call.end", callid = callId, dialed_time = 36, answered_time = 29, dialstatus = "ANSWER" };

    /// <summary>The deliveries of a call, oldest first.</summary>
    public async Task<List<System.Text.Json.JsonElement>> DeliveriesAsync(string callId) =>
        [.. (await Tenant.Client.GetOk($"/api/v1/deliveries?callId={callId}")).EnumerateArray().Reverse()];

    public Task Post(params object[] events) => Tenant.Client.PostOk("/api/v1/calls/events", events.Length == 1 ? events[0] : events);
}
