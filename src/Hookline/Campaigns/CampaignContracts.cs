namespace Hookline.Campaigns;

public sealed record CampaignWebhookRequest(string? WebhookId, string? At);

public sealed record CampaignRequest(
    string? Name, string? Kind, List<string>? TrackingNumbers, Dictionary<string, string>? Tags, string? TreatmentId,
    List<CampaignWebhookRequest>? Webhooks);

public sealed record CampaignWebhookResponse(string WebhookId, string At);

public sealed record CampaignResponse(
    string Id, string GroupId, string LocationId, string Name, string Kind, List<string> TrackingNumbers,
    Dictionary<string, string> Tags, string? TreatmentId, List<CampaignWebhookResponse> Webhooks, DateTimeOffset CreatedAt)
{
    public static CampaignResponse From(Campaign c) => new(
        c.Id, c.GroupId, c.LocationId, c.Name, c.Kind, [.. c.TrackingNumbers.Select(n => n.Number).Order(StringComparer.Ordinal)],
        c.Tags, c.TreatmentId, c.Webhooks.ConvertAll(w => new CampaignWebhookResponse(w.WebhookId, w.At)), c.CreatedAt);
}
