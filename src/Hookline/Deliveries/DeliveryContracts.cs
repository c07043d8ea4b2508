using System.Text;
using Hookline.Webhooks;

namespace Hookline.Deliveries;

public sealed record DeliverySummary(
    string Id, string WebhookId, string CallId, string At, string Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt, DateTimeOffset? NextAttemptAt, string? LastError)
{
    public static DeliverySummary From(Delivery d) => new(d.Id, d.WebhookId, d.CallId, d.At, d.Status, d.Attempts, d.CreatedAt, d.DeliveredAt,
        d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.LastError);
}

public sealed record DeliveryRequestView(string Method, string Url, List<HeaderResponse> Headers, string Body);

public sealed record AttemptView(DateTimeOffset At, int? StatusCode, int DurationMs, string? Error, string? ResponseExcerpt);

/// <summary>A delivery with the request it sends (secret header values masked) and every attempt.</summary>
public sealed record DeliveryDetail(
    string Id, string WebhookId, string CallId, string At, string Status, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt,
    DateTimeOffset? NextAttemptAt, DeliveryRequestView Request, List<AttemptView> Attempts)
{
    public static DeliveryDetail From(Delivery d, Webhook w, List<DeliveryAttempt> attempts)
    {
        List<HeaderResponse> headers = [.. w.Headers.Select(h => new HeaderResponse(h.Name, h.Secret ? SecretProtector.Mask : h.Value, h.Secret))];
        // Hookline's own defaults, unless the webhook sets them (then the webhook's are what is sent).
        if (!headers.Exists(h => string.Equals(h.Name, "User-Agent", StringComparison.OrdinalIgnoreCase)))
            headers.Insert(0, new("User-Agent", WebhookSender.UserAgent, false));
        if (!headers.Exists(h => string.Equals(h.Name, "Content-Type", StringComparison.OrdinalIgnoreCase)))
            headers.Insert(0, new("Content-Type", d.ContentType, false));
        return new DeliveryDetail(d.Id, d.WebhookId, d.CallId, d.At, d.Status, d.CreatedAt, d.DeliveredAt,
            d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null,
            new DeliveryRequestView(w.Method, d.Url ?? w.Url, headers, Encoding.UTF8.GetString(d.Body)),
            attempts.ConvertAll(a => new AttemptView(a.At, a.StatusCode, a.DurationMs, a.Error, a.ResponseExcerpt)));
    }
}

public sealed record TestResult(bool Delivered, int? StatusCode, long DurationMs, string? Error);

public sealed record HealthResponse(string State, int ConsecutiveFailures, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastFailureAt, int Pending, DateTimeOffset? NextProbeAt);

public sealed record RecoverRequest(DateTimeOffset? Since);

public sealed record QueuedResponse(int Queued);
