namespace Hookline.Core.Templates.Modifiers;

/// <summary>
/// Fast readers and writers for the shapes times take in call data and in bodies, so that rendering does not pay for
/// the invariant culture's general parser and pattern formatter on every time token: ISO 8601
/// <c>yyyy-MM-ddTHH:mm:ss[.fffffff][Z|±hh:mm]</c> (a space for the T, and ±hhmm, are read too; no offset is UTC), and
/// the token table's <c>13 Oct 2020 3:15:12 PM</c>. Anything else is for the general parser.
/// </summary>
internal static class TimeText
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static bool TryRead(ReadOnlySpan<char> text, out DateTimeOffset moment) =>
        TryReadIso(text, out moment) || TryReadTableShape(text, out moment);

    public static bool TryReadIso(ReadOnlySpan<char> text, out DateTimeOffset moment)
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

    /// <summary><c>d MMM yyyy h:mm:ss tt</c> in the invariant culture (<c>13 Oct 2020 3:15:12 PM</c>), as UTC.</summary>
    public static bool TryReadTableShape(ReadOnlySpan<char> text, out DateTimeOffset moment)
    {
        moment = default;
        var i = 0;
        if (!Digits(text, ref i, 1, 2, out var day) || !Skip(text, ref i, ' ') || i + 3 > text.Length)
        {
            return false;
        }

        var month = MonthOf(text.Slice(i, 3));
        i += 3;
        if (month == 0 || !Skip(text, ref i, ' ') || !Digits(text, ref i, 4, 4, out var year) || !Skip(text, ref i, ' ')
            || !Digits(text, ref i, 1, 2, out var hour) || !Skip(text, ref i, ':') || !Digits(text, ref i, 2, 2, out var minute)
            || !Skip(text, ref i, ':') || !Digits(text, ref i, 2, 2, out var second) || !Skip(text, ref i, ' ') || i + 2 != text.Length)
        {
            return false;
        }

        var pm = text[i..].Equals("PM", StringComparison.OrdinalIgnoreCase);
        if ((!pm && !text[i..].Equals("AM", StringComparison.OrdinalIgnoreCase)) || hour is < 1 or > 12 || minute > 59 || second > 59
            || year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        moment = new DateTimeOffset(year, month, day, (hour % 12) + (pm ? 12 : 0), minute, second, TimeSpan.Zero);
        return true;
    }

    private static int MonthOf(ReadOnlySpan<char> name)
    {
        for (var m = 0; m < Months.Length; m++)
        {
            if (name.Equals(Months[m], StringComparison.OrdinalIgnoreCase))
            {
                return m + 1;
            }
        }

        return 0;
    }

    /// <summary>ISO 8601 to the second, the fraction when there is one (trailing zeros dropped), and the offset as ±hh:mm.</summary>
    public static int WriteIso(DateTimeOffset local, Span<char> into)
    {
        var n = WriteDate(local, into);
        into[n++] = 'T';
        n += WriteTime(local, into[n..]);
        var fraction = (int)(local.Ticks % TimeSpan.TicksPerSecond);
        if (fraction > 0)
        {
            into[n++] = '.';
            var digits = 7;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            Pad(fraction, digits, into.Slice(n, digits));
            n += digits;
        }

        var offset = (int)local.Offset.TotalMinutes;
        into[n++] = offset < 0 ? '-' : '+';
        offset = Math.Abs(offset);
        Pad(offset / 60, 2, into.Slice(n, 2));
        into[n + 2] = ':';
        Pad(offset % 60, 2, into.Slice(n + 3, 2));
        return n + 5;
    }

    /// <summary><c>yyyy-MM-dd</c>; ten characters.</summary>
    public static int WriteDate(DateTimeOffset local, Span<char> into)
    {
        Pad(local.Year, 4, into[..4]);
        into[4] = '-';
        Pad(local.Month, 2, into.Slice(5, 2));
        into[7] = '-';
        Pad(local.Day, 2, into.Slice(8, 2));
        return 10;
    }

    /// <summary><c>HH:mm:ss</c>; eight characters.</summary>
    public static int WriteTime(DateTimeOffset local, Span<char> into)
    {
        Pad(local.Hour, 2, into[..2]);
        into[2] = ':';
        Pad(local.Minute, 2, into.Slice(3, 2));
        into[5] = ':';
        Pad(local.Second, 2, into.Slice(6, 2));
        return 8;
    }

    private static void Pad(int value, int width, Span<char> into)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            into[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    private static bool Skip(ReadOnlySpan<char> text, ref int i, char c)
    {
        if (i < text.Length && text[i] == c)
        {
            i++;
            return true;
        }

        return false;
    }

    private static bool Digits(ReadOnlySpan<char> text, ref int i, int min, int max, out int value)
    {
        value = 0;
        var start = i;
        while (i < text.Length && i - start < max && char.IsAsciiDigit(text[i]))
        {
            value = (value * 10) + (text[i++] - '0');
        }

        return i - start >= min && (i == text.Length || !char.IsAsciiDigit(text[i]));
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
