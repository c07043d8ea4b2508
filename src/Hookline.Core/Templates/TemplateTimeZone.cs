using System.Diagnostics.CodeAnalysis;

namespace Hookline.Core.Templates;

/// <summary>The time zone a template writes its times in, named as IANA names them (<c>America/New_York</c>).</summary>
public static class TemplateTimeZone
{
    private const int MaxNameLength = 64;

    /// <summary>
    /// Finds a zone by its IANA name in the system's time zone database (tzdata), with daylight saving. Windows names
    /// ("Eastern Standard Time") and anything that is not a zone name are refused, with a message for the user.
    /// </summary>
    public static bool TryFind(string? name, [NotNullWhen(true)] out TimeZoneInfo? zone, [NotNullWhen(false)] out string? error)
    {
        zone = null;
        error = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            error = "timeZone must be an IANA time zone name, such as UTC or America/New_York.";
            return false;
        }

        // Names are paths into the zone database: only its characters, no "..", no leading '/'.
        if (name.Length > MaxNameLength || !IsZoneName(name))
        {
            error = $"'{Clip(name)}' is not an IANA time zone name (such as UTC, Europe/Paris or America/New_York).";
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(name);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or System.Security.SecurityException or IOException)
        {
            error = $"'{name}' is not a time zone this server knows; use an IANA name such as UTC, Europe/Paris or America/New_York.";
            return false;
        }
    }

    private static bool IsZoneName(string name)
    {
        foreach (var part in name.Split('/'))
        {
            if (part.Length == 0 || !part.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Clip(string text) => text.Length <= MaxNameLength ? text : text[..MaxNameLength] + "…";
}
