using System.Globalization;

namespace Hookline.Core.Templates.Modifiers;

/// <summary>
/// A moment written as <c>:unix</c> (seconds), <c>:unix_ms</c>, <c>:date</c> (<c>yyyy-MM-dd</c>), <c>:time</c>
/// (<c>HH:mm:ss</c>), <c>:iso</c> (ISO 8601 with the offset, <c>2019-03-27T20:05:00-04:00</c>) or a .NET custom
/// pattern in quotes (<c>:'MM/dd/yyyy hh:mm tt'</c>), in the invariant culture and in the template's time zone
/// (UTC when it has none). A value is read as the invariant culture reads a date and time, ISO 8601 included; one
/// without an offset is UTC; one that is no moment (or a time without a date) is written as it is.
/// </summary>
internal sealed class TimeModifier : TokenModifier
{
    private const int MaxPatternLength = 100;

    /// <summary>ISO 8601 to the second, with the fraction when there is one, and the offset as ±hh:mm (never Z).</summary>
    public static readonly TimeModifier Iso = new("iso", "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz");

    private static readonly TimeModifier Unix = new("unix", null);
    private static readonly TimeModifier UnixMs = new("unix_ms", null);
    private static readonly TimeModifier Date = new("date", "yyyy'-'MM'-'dd");
    private static readonly TimeModifier Time = new("time", "HH':'mm':'ss");

    private readonly string? pattern;

    private TimeModifier(string text, string? pattern)
    {
        Text = text;
        this.pattern = pattern;
    }

    public override string Text { get; }

    public static TimeModifier? Find(string text) =>
        new[] { Unix, UnixMs, Date, Time, Iso }.FirstOrDefault(m => m.Text.Equals(text, StringComparison.OrdinalIgnoreCase));

    /// <summary>A pattern in single quotes, <c>''</c> standing for a quote inside it.</summary>
    public static TimeModifier ParsePattern(string written, string quoted)
    {
        var pattern = quoted[1..^1].Replace("''", "'", StringComparison.Ordinal);
        if (pattern.Length == 0 || pattern.Length > MaxPatternLength || pattern.Any(char.IsControl))
        {
            throw new TokenSyntaxException($"{written}: a pattern is 1 to {MaxPatternLength} characters on one line.");
        }

        try
        {
            _ = DateTimeOffset.UnixEpoch.ToString(pattern, CultureInfo.InvariantCulture);
        }
        catch (FormatException e)
        {
            throw new TokenSyntaxException($"{written}: '{pattern}' is not a .NET date and time pattern ({e.Message}).");
        }

        return new TimeModifier("'" + pattern.Replace("'", "''", StringComparison.Ordinal) + "'", pattern);
    }

    public override ReadOnlySpan<char> Format(ReadOnlySpan<char> value, RenderContext context)
    {
        if (!TryRead(value, out var moment))
        {
            return value;
        }

        var into = context.Format;
        into.Clear();
        if (pattern is null)
        {
            var number = this == Unix ? moment.ToUnixTimeSeconds() : moment.ToUnixTimeMilliseconds();
            number.TryFormat(into.Free(20), out var digits, default, CultureInfo.InvariantCulture);
            into.Commit(digits);
            return into.Written;
        }

        var local = context.TimeZone is { } zone ? TimeZoneInfo.ConvertTime(moment, zone) : moment.ToUniversalTime();
        if (this == Iso || this == Date || this == Time)
        {
            var span = into.Free(40);
            into.Commit(this == Iso ? TimeText.WriteIso(local, span) : this == Date ? TimeText.WriteDate(local, span) : TimeText.WriteTime(local, span));
            return into.Written;
        }

        // A pattern of at most 100 characters writes at most about 1,000 ("dddd" is the longest day name, 9).
        if (local.TryFormat(into.Free(64), out var written, pattern, CultureInfo.InvariantCulture) ||
            local.TryFormat(into.Free(4096), out written, pattern, CultureInfo.InvariantCulture))
        {
            into.Commit(written);
            return into.Written;
        }

        return value;
    }

    /// <summary>Reads a moment; a value without an offset is UTC, a time of day without a date is no moment.</summary>
    public static bool TryRead(ReadOnlySpan<char> value, out DateTimeOffset moment)
    {
        if (TimeText.TryRead(value, out moment))
        {
            return true;
        }

        const DateTimeStyles Styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal |
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.NoCurrentDateDefault;
        if (DateTime.TryParse(value, CultureInfo.InvariantCulture, Styles, out var utc) && utc.Date != DateTime.MinValue.Date)
        {
            moment = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
            return true;
        }

        moment = default;
        return false;
    }
}
