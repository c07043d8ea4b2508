using Hookline.Core.Conditions;

namespace Hookline.Webhooks;

public sealed record HeaderRequest(string? Name, string? Value, bool Secret = false);

public sealed record WebhookRequest(
    string? Name, string? Url, string? TemplateId, string? Method, List<HeaderRequest>? Headers, List<int>? SuccessCodes,
    List<ConditionInput?>? Conditions = null, WaitForRequest? WaitFor = null, bool? SendUpdates = null,
    AuthRequest? Auth = null, List<int>? RetrySchedule = null, int? RetryWindowSeconds = null,
    int? MaxPerSecond = null);

public sealed record HeaderResponse(string Name, string Value, bool Secret);

/// <summary>A webhook as the API shows it: secret header values masked; the signing secret only when it is new.</summary>
public sealed record WebhookResponse(
    string Id, string GroupId, string LocationId, string Name, string Url, string? TemplateId, string Method,
    List<HeaderResponse> Headers, List<int> SuccessCodes, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string? SigningSecret, IReadOnlyList<string> Warnings,
    List<ConditionInput>? Conditions = null, WaitForRequest? WaitFor = null, bool SendUpdates = false,
    AuthResponse? Auth = null, List<int>? RetrySchedule = null, int? RetryWindowSeconds = null,
    int? MaxPerSecond = null)
{
    public static WebhookResponse From(Webhook w, string? signingSecret = null, IReadOnlyList<string>? warnings = null) => new(
        w.Id, w.GroupId, w.LocationId, w.Name, w.Url, w.TemplateId, w.Method,
        w.Headers.ConvertAll(h => new HeaderResponse(h.Name, h.Secret ? SecretProtector.Mask : h.Value, h.Secret)),
        w.SuccessCodes, w.CreatedAt, w.UpdatedAt, signingSecret, warnings ?? [],
        w.Conditions.ConvertAll(c => c.ToInput()), WebhookConditions.WaitFor(w), w.SendUpdates,
        AuthResponse.From(w.Auth), w.RetrySchedule, w.RetryWindowSeconds, w.MaxPerSecond);
}

public sealed record SigningSecretResponse(string SigningSecret);
