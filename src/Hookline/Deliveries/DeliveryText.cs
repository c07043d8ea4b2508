using System.Globalization;

namespace Hookline.Deliveries;

/// <summary>How the pages word a delivery's status, moment and times, and a webhook's health.</summary>
public static class DeliveryText
{
    public static string Status(string status) => status switch
    {
        DeliveryStatus.Pending => "Pending",
        DeliveryStatus.Delivered => "Delivered",
        DeliveryStatus.Failed => "Failed",
        _ => status,
    };

    /// <summary>When the delivery is sent, in the words of the forms that chose it.</summary>
    public static string Moment(string at) => at switch
    {
        "begin" => "Beginning of call",
        "select" => "When selected",
        "end" => "End of call",
        _ => at,
    };

    /// <summary>A webhook's health as the pages word it: "Up" or "Down".</summary>
    public static string Health(string state) => state == "down" ? "Down" : "Up";

    /// <summary>A time as the pages show it: UTC, to the second.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A time that may not have happened yet: a dash then.</summary>
    public static string Time(DateTimeOffset? time) => time is { } t ? Time(t) : "—";

    /// <summary>The machine-readable form, for a <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
