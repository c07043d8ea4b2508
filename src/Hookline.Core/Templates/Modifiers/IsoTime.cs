namespace Hookline.Core.Templates.Modifiers;

/// <summary>
/// A fast reader for the shape call data carries times in, ISO 8601 <c>yyyy-MM-ddTHH:mm:ss[.fffffff][Z|±hh:mm]</c>
/// (a space for the T, and ±hhmm, are read too; no offset is UTC), so that rendering does not pay for the invariant
/// culture's general parser on every time token. Anything else is for that parser.
/// </summary>
internal static class IsoTime
{
    public static bool TryRead(ReadOnlySpan<char> text, out DateTimeOffset moment)
    {
        moment = default;
        if (text.Length < 19 || text[4] != '-' || text[7] != '-' || text[10] is not ('T' or 't' or ' ') || text[13] != ':' || text[16] != ':'
            || !Number(text, 0, 4, out var year) || !Number(text, 5, 2, out var month) || !Number(text, 8, 2, out var day)
            || !Number(text, 11, 2, out var hour) || !Number(text, 14, 2, out var minute) || !Number(text, 17, 2, out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var i = 19;
        long fraction = 0;
        if (i < text.Length && text[i] == '.')
        {
            var digits = 0;
            for (i++; i < text.Length && char.IsAsciiDigit(text[i]); i++, digits++)
            {
                if (digits < 7)
                {
                    fraction = (fraction * 10) + (text[i] - '0');
                }
            }

            if (digits == 0)
            {
                return false;
            }

            for (; digits < 7; digits++)
            {
                fraction *= 10;
            }
        }

        var offset = TimeSpan.Zero;
        if (i < text.Length && text[i] is 'Z' or 'z')
        {
            i++;
        }
        else if (i < text.Length && text[i] is '+' or '-')
        {
            var sign = text[i] == '-' ? -1 : 1;
            var colon = i + 3 < text.Length && text[i + 3] == ':' ? 1 : 0;
            if (!Number(text, i + 1, 2, out var offsetHours) || !Number(text, i + 3 + colon, 2, out var offsetMinutes) || offsetHours > 14 || offsetMinutes > 59)
            {
                return false;
            }

            offset = new TimeSpan(sign * offsetHours, sign * offsetMinutes, 0);
            i += 5 + colon;
        }

        if (i != text.Length)
        {
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fraction - offset.Ticks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        moment = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private static bool Number(ReadOnlySpan<char> text, int start, int length, out int value)
    {
        value = 0;
        if (start + length > text.Length)
        {
            return false;
        }

        foreach (var c in text.Slice(start, length))
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
