using System.Globalization;

namespace Hookline.Deliveries;

/// <summary>The headers and body of the request a receiver gets (see docs/delivery.md).</summary>
internal static class OutboundMessage
{
    private const string IdHeader = "webhook-id";
    private const string TimestampHeader = "webhook-timestamp";
    private const string SignatureHeader = "webhook-signature";

    /// <exception cref="FormatException">The signing secret or the method is malformed.</exception>
    /// <param name="authorization">The receiver auth's header, which replaces a webhook's own Authorization.</param>
    public static HttpRequestMessage Create(OutboundRequest request, long timestamp, System.Net.Http.Headers.AuthenticationHeaderValue? authorization = null)
    {
        var signature = WebhookSignature.Sign(request.SigningSecret, request.DeliveryId, timestamp, request.Body);
        var message = new HttpRequestMessage(HttpMethod.Parse(request.Method), request.Url);
        // A GET carries no body and so no Content-Type; its signature is over the empty body.
        var content = WebhookBodies.HasBody(request.Method) ? new ByteArrayContent(request.Body) : null;
        message.Content = content;
        var hasContentType = false;
        var hasUserAgent = false;
        foreach (var (name, value) in request.Headers)
        {
            // The signature headers are ours alone: a webhook's own copy would make the signature unverifiable.
            if (IsSignatureHeader(name) || (authorization is not null && name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            // Request headers first; Content-Type and the other content headers are refused there and go on the content.
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                content?.Headers.TryAddWithoutValidation(name, value);
            }

            hasContentType |= name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase);
            hasUserAgent |= name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase);
        }

        if (!hasContentType)
        {
            content?.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }

        if (!hasUserAgent)
        {
            message.Headers.TryAddWithoutValidation("User-Agent", WebhookSender.UserAgent);
        }

        if (authorization is not null)
        {
            message.Headers.Authorization = authorization;
        }

        message.Headers.TryAddWithoutValidation(IdHeader, request.DeliveryId);
        message.Headers.TryAddWithoutValidation(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        message.Headers.TryAddWithoutValidation(SignatureHeader, signature);
        return message;
    }

    private static bool IsSignatureHeader(string name) =>
        name.Equals(IdHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(TimestampHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(SignatureHeader, StringComparison.OrdinalIgnoreCase);
}
