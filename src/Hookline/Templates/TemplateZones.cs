using Hookline.Core.Templates;

namespace Hookline.Templates;

/// <summary>
/// The server's rule for a template's <c>timeZone</c>: an IANA name, UTC when absent. The server always renders in a
/// zone (never the engine's "as the call gave it"), so every template's time tokens are ISO 8601 with an offset.
/// </summary>
public static class TemplateZones
{
    public const string Default = "UTC";

    private static readonly Lazy<IReadOnlyList<string>> Names = new(() =>
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => TemplateTimeZone.TryFind(id, out _, out _))
            .Append(Default).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    /// <summary>Every IANA zone this server knows, sorted: what a form offers.</summary>
    public static IReadOnlyList<string> All => Names.Value;

    public static string NameOf(string? stored) => string.IsNullOrEmpty(stored) ? Default : stored;

    /// <summary>The zone of a stored name; a zone the server no longer knows (tzdata changed) falls back to UTC.</summary>
    public static TimeZoneInfo Find(string? stored) =>
        string.IsNullOrEmpty(stored) || stored == Default || !TemplateTimeZone.TryFind(stored, out var zone, out _) ? TimeZoneInfo.Utc : zone;

    /// <summary>The zone named in a request (UTC when absent), or the message for <c>errors.timeZone</c>.</summary>
    public static bool TryParse(string? requested, out TimeZoneInfo zone, out string? error)
    {
        error = null;
        zone = TimeZoneInfo.Utc;
        if (requested is null || requested == Default) return true;
        if (TemplateTimeZone.TryFind(requested, out var found, out error))
        {
            zone = found;
            return true;
        }
        return false;
    }
}
