namespace Hookline.Deliveries;

/// <summary>One delivery attempt as the sender needs it: already rendered, headers already unmasked.</summary>
/// <param name="DeliveryId">Sent as <c>webhook-id</c>: the same on every retry, so receivers can de-duplicate.</param>
/// <param name="Headers">The webhook's own headers; a <c>Content-Type</c> here replaces <paramref name="ContentType"/>.</param>
/// <param name="SuccessCodes">Statuses that count as delivered.</param>
/// <param name="Auth">How to authenticate to the receiver (Basic, OAuth2), or null.</param>
public sealed record OutboundRequest(
    string DeliveryId,
    string Method,
    Uri Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    string ContentType,
    string SigningSecret,
    IReadOnlySet<int> SuccessCodes,
    ReceiverAuth? Auth = null);
