using System.Text;

namespace Hookline.Core.Templates;

/// <summary>A 1-based line and column (in UTF-16 characters, as editors count) in a template format.</summary>
internal readonly record struct TextPosition(int Line, int Column)
{
    public TemplateFormatException Error(string reason, Exception? inner = null) => new(reason, Line, Column, inner);

    /// <summary>The position of a byte offset in UTF-8 text; lines end at '\n', as Utf8JsonReader counts them.</summary>
    public static TextPosition OfUtf8Offset(ReadOnlySpan<byte> utf8, long offset)
    {
        var end = (int)Math.Min(offset, utf8.Length);
        var before = utf8[..end];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var line = before.Count((byte)'\n') + 1;
        return new TextPosition(line, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }

    /// <summary>The position of a 0-based line and byte-in-line, as JsonException reports them.</summary>
    public static TextPosition OfUtf8Line(ReadOnlySpan<byte> utf8, long line, long byteInLine)
    {
        var start = 0;
        for (long i = 0; i < line; i++)
        {
            var next = utf8[start..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            start += next + 1;
        }

        var end = (int)Math.Min(start + byteInLine, utf8.Length);
        return new TextPosition((int)line + 1, Encoding.UTF8.GetCharCount(utf8[start..end]) + 1);
    }

    /// <summary>The position of a character offset in text.</summary>
    public static TextPosition OfCharOffset(string text, int offset)
    {
        var before = text.AsSpan(0, Math.Min(offset, text.Length));
        var lineStart = before.LastIndexOf('\n') + 1;
        return new TextPosition(before.Count('\n') + 1, before.Length - lineStart + 1);
    }
}
