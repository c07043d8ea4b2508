namespace Hookline.Locations;

/// <summary>The tabs of the Manage Location page: one route each, under <c>/locations/{id}</c>.</summary>
public static class LocationTab
{
    public const string Details = "";
    public const string Webhooks = "webhooks";
    public const string Campaigns = "campaigns";
    public const string Treatments = "treatments";
    public const string Deliveries = "deliveries";

    public static readonly IReadOnlyList<(string Tab, string Name)> All =
    [
        (Details, "Details"), (Webhooks, "Webhook Management"), (Campaigns, "Campaigns"), (Treatments, "Call Treatments"), (Deliveries, "Deliveries"),
    ];

    public static string Href(string locationId, string tab) =>
        tab.Length == 0 ? $"/locations/{Uri.EscapeDataString(locationId)}" : $"/locations/{Uri.EscapeDataString(locationId)}/{tab}";
}
