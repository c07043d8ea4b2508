namespace Hookline.Deliveries;

/// <summary>What one attempt came to, ready to be stored with the delivery.</summary>
/// <param name="StatusCode">Null when no response arrived (refused, blocked, timed out, DNS failure).</param>
/// <param name="Error">Why the attempt failed, in words; null when delivered.</param>
/// <param name="ResponseExcerpt">The start of the response body as UTF-8 text, at most <see cref="DeliveryOptions.ResponseExcerptBytes"/> bytes.</param>
/// <param name="RetryAfter">The receiver's <c>Retry-After</c> on a 429 or 503, as a delay from the response.</param>
public sealed record AttemptResult(
    bool Delivered,
    int? StatusCode,
    TimeSpan Duration,
    string? Error,
    string? ResponseExcerpt,
    TimeSpan? RetryAfter,
    DateTimeOffset StartedAt);
