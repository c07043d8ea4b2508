using System.Collections.Concurrent;
using Hookline.Api;
using Hookline.Core.Calls;
using Hookline.Core.Urls;

namespace Hookline.Webhooks;

/// <summary>
/// Tokens in a webhook's URL (<c>https://crm.example.com/pixel?caller=%ani%</c>): checked at save, rendered per
/// delivery. The host never comes from a token (the parser refuses one there), and the rendered URL is only a URL:
/// the outbound guard still checks the address it connects to.
/// </summary>
public static class WebhookUrls
{
    // Parsed once per URL text and zone; the cache is bounded by the webhooks there are.
    private static readonly ConcurrentDictionary<(string Url, string Zone), UrlTemplate> Parsed = new();

    public static void Validate(Validation v, string url)
    {
        ArgumentNullException.ThrowIfNull(v);
        try
        {
            UrlTemplate.Parse(url.Trim());
        }
        catch (UrlTemplateException e)
        {
            v.Add("url", $"url: {e.Message}");
        }
    }

    /// <summary>The URL for a call at a moment, or null when the URL has no tokens (the webhook's own URL is sent).</summary>
    public static string? Render(string url, TimeZoneInfo zone, CallData call, CallMoment at)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(zone);
        if (!url.Contains('%', StringComparison.Ordinal)) return null;
        UrlTemplate template;
        try
        {
            template = Parsed.GetOrAdd((url, zone.Id), key => UrlTemplate.Parse(key.Url, zone));
        }
        catch (UrlTemplateException)
        {
            // Saved before tokens were read (a literal '%'): sent as it is, as it always was.
            return null;
        }
        return template.HasTokens ? template.Render(call, at) : null;
    }
}
