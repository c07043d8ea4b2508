using System.Globalization;

namespace Hookline.Webhooks;

/// <summary>How the webhook pages write times and states: times in UTC, to the second, as the API gives them.</summary>
internal static class Shown
{
    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "—";

    /// <summary>"delivered" is "Delivered"; "up" is "Up".</summary>
    public static string Word(string value) =>
        string.IsNullOrEmpty(value) ? value : char.ToUpperInvariant(value[0]) + value[1..];

    /// <summary>A delivery's moment: begin, select or end of the call.</summary>
    public static string Moment(string at) => at switch
    {
        "begin" => "Beginning of call",
        "select" => "When selected",
        "end" => "End of call",
        _ => at,
    };
}
