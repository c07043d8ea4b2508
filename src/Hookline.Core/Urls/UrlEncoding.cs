using System.Buffers;
using System.Text;
using Hookline.Core.Templates;

namespace Hookline.Core.Urls;

/// <summary>
/// Percent-encodes a value for a URL: RFC 3986's unreserved characters (ASCII letters, digits, <c>-._~</c>) as
/// they are, every other character as the <c>%XX</c> of its UTF-8 bytes; a lone surrogate, which is no text, as
/// U+FFFD. The one rule fits a path segment and a query value alike, because it is the strictest of both: a
/// value can neither end its segment (<c>/</c>), start the query (<c>?</c>), split or end a pair (<c>&amp;</c>,
/// <c>=</c>) nor start the fragment (<c>#</c>), a space is <c>%20</c> (which every decoder reads as a space) and a
/// <c>+</c> is <c>%2B</c> (which no decoder reads as a space).
/// </summary>
internal static class UrlEncoding
{
    private const string Hex = "0123456789ABCDEF";

    public static void Append(CharBuffer into, ReadOnlySpan<char> value)
    {
        Span<byte> utf8 = stackalloc byte[4];
        Span<char> escaped = stackalloc char[12];
        var i = 0;
        while (i < value.Length)
        {
            var plain = i;
            while (plain < value.Length && IsUnreserved(value[plain]))
            {
                plain++;
            }

            into.Append(value[i..plain]);
            if (plain == value.Length)
            {
                return;
            }

            if (Rune.DecodeFromUtf16(value[plain..], out var rune, out var used) != OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
                used = Math.Max(used, 1);
            }

            var length = rune.EncodeToUtf8(utf8);
            for (var b = 0; b < length; b++)
            {
                escaped[3 * b] = '%';
                escaped[(3 * b) + 1] = Hex[utf8[b] >> 4];
                escaped[(3 * b) + 2] = Hex[utf8[b] & 0xF];
            }

            into.Append(escaped[..(3 * length)]);
            i = plain + used;
        }
    }

    /// <summary>
    /// As <see cref="Append"/>, but a value that is exactly <c>.</c> or <c>..</c> has its dots encoded, so that it is
    /// not written as a dot segment. (RFC 3986 still counts <c>%2E</c> as a dot when it normalizes a path, as .NET's
    /// <see cref="Uri"/> does: such a value is written faithfully but may not arrive whole.)
    /// </summary>
    public static void AppendPathValue(CharBuffer into, ReadOnlySpan<char> value)
    {
        if (value is "." or "..")
        {
            into.Append(value.Length == 1 ? "%2E" : "%2E%2E");
            return;
        }

        Append(into, value);
    }

    public static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
