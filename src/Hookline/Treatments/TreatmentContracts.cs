namespace Hookline.Treatments;

public sealed record OptionWebhookRequest(string? WebhookId, string? At);

public sealed record TreatmentOptionRequest(string? Digit, string? Name, List<OptionWebhookRequest>? Webhooks);

public sealed record TreatmentRequest(string? Name, string? Question, string? QuestionLink, List<TreatmentOptionRequest>? Options);

public sealed record OptionWebhookResponse(string WebhookId, string At);

public sealed record TreatmentOptionResponse(string Digit, string Name, List<OptionWebhookResponse> Webhooks);

public sealed record TreatmentResponse(
    string Id, string GroupId, string LocationId, string Name, string? Question, string? QuestionLink,
    List<TreatmentOptionResponse> Options, DateTimeOffset CreatedAt)
{
    public static TreatmentResponse From(Treatment t) => new(
        t.Id, t.GroupId, t.LocationId, t.Name, t.Question, t.QuestionLink,
        t.Options.ConvertAll(o => new TreatmentOptionResponse(o.Digit, o.Name, o.Webhooks.ConvertAll(w => new OptionWebhookResponse(w.WebhookId, w.At)))),
        t.CreatedAt);
}
