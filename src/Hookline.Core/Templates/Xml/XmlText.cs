using System.Buffers;
using System.Xml;

namespace Hookline.Core.Templates.Xml;

/// <summary>
/// Writes a value as XML text. XML 1.0 cannot hold every character, not even escaped: control characters other
/// than tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF are dropped.
/// </summary>
internal static class XmlText
{
    private static readonly SearchValues<char> NotPlainXml = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        "\uFFFE\uFFFF" + Surrogates());

    public static void Write(XmlWriter writer, string? value, RenderContext context)
    {
        if (value is null)
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(NotPlainXml) < 0)
        {
            writer.WriteString(value);
        }
        else
        {
            Write(writer, value.AsSpan(), context);
        }
    }

    public static void Write(XmlWriter writer, ReadOnlySpan<char> value, RenderContext context)
    {
        var clean = context.Scratch;
        clean.Clear();
        var plain = value.IndexOfAny(NotPlainXml);
        while (plain >= 0)
        {
            clean.Append(value[..plain]);
            var c = value[plain];
            var pair = char.IsHighSurrogate(c) && plain + 1 < value.Length && char.IsLowSurrogate(value[plain + 1]);
            if (pair)
            {
                clean.Append(value.Slice(plain, 2)); // a whole pair is a valid character
            }

            value = value[(plain + (pair ? 2 : 1))..];
            plain = value.IndexOfAny(NotPlainXml);
        }

        clean.Append(value);
        writer.WriteChars(clean.Array, 0, clean.Length);
    }

    private static string Surrogates() => string.Create(0xE000 - 0xD800, 0, static (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)(0xD800 + i);
        }
    });
}
