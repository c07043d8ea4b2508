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
