using System.Globalization;

namespace Hookline.Core.Templates.Json;

/// <summary>The JSON number grammar (RFC 8259): -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
internal static class JsonNumberText
{
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i < text.Length && text[i] == '0')
        {
            i++;
        }
        else if (!Digits(text, ref i))
        {
            return false;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (!Digits(text, ref i))
            {
                return false;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            if (!Digits(text, ref i))
            {
                return false;
            }
        }

        return i == text.Length;
    }

    /// <summary>
    /// Whether a double holds the value of valid number text, if only approximately: false for text that parses
    /// to ±Infinity (<c>1e999</c>, <c>-1e400</c>, 400 digits), which a receiver reading it as a double would take
    /// for infinity. Underflow (<c>1e-400</c>) is held: it reads as zero.
    /// </summary>
    public static bool FitsDouble(ReadOnlySpan<char> text)
    {
        // Without an exponent, up to 308 digits before the point stay below 1e308 < double.MaxValue: no need to
        // parse the usual values.
        var end = text.IndexOfAny('.', 'e', 'E');
        var whole = end < 0 ? text : text[..end];
        if (whole.Length - (whole.StartsWith('-') ? 1 : 0) <= 308 && text[whole.Length..].IndexOfAny('e', 'E') < 0)
        {
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, NumberFormatInfo.InvariantInfo, out var value) && double.IsFinite(value);
    }

    // One or more digits; a leading zero was handled by the caller.
    private static bool Digits(ReadOnlySpan<char> text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i > start;
    }
}
