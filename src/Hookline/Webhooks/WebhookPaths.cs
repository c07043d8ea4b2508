using Hookline.Locations;

namespace Hookline.Webhooks;

/// <summary>The addresses of the webhook pages.</summary>
public static class WebhookPaths
{
    public static string Page(string webhookId) => $"/webhooks/{Uri.EscapeDataString(webhookId)}";

    public static string Edit(string webhookId) => Page(webhookId) + "/edit";

    public static string Add(string locationId) => LocationTab.Href(locationId, LocationTab.Webhooks) + "/new";

    /// <summary>Webhook Management just after Finish: the page shows the new webhook's signing secret, once.</summary>
    public static string Created(string locationId, string webhookId) =>
        $"{LocationTab.Href(locationId, LocationTab.Webhooks)}?created={Uri.EscapeDataString(webhookId)}";
}
