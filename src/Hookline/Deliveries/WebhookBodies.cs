using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Webhooks;

namespace Hookline.Deliveries;

/// <summary>
/// What a webhook's method makes of its request: a GET (a "pixel") carries no body and no Content-Type, and needs no
/// template; the others carry the template's body. Tokens in the URL are rendered in the template's time zone (UTC
/// without one).
/// </summary>
public static class WebhookBodies
{
    public static bool HasBody(string method) => !string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);

    public static bool IsPixel(Webhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        return !HasBody(webhook.Method);
    }

    public static (string ContentType, byte[] Body) Render(Webhook webhook, CompiledTemplate? template, CallData data, CallMoment at)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        return IsPixel(webhook) || template is null ? ("", []) : (template.ContentType, template.Render(data, at));
    }

    /// <summary>The URL rendered for the call, or null when the webhook's URL has no tokens.</summary>
    public static string? RenderUrl(Webhook webhook, CompiledTemplate? template, CallData data, CallMoment at)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        return WebhookUrls.Render(webhook.Url, template?.TimeZone ?? TimeZoneInfo.Utc, data, at);
    }

    /// <summary>The URL an attempt goes to: the delivery's rendered one, or the webhook's.</summary>
    public static Uri UrlOf(string? rendered, Uri webhookUrl) =>
        rendered is not null && Uri.TryCreate(rendered, UriKind.Absolute, out var url) ? url : webhookUrl;
}
