namespace Hookline.Core.Templates;

/// <summary>
/// Where a token reference stands in text: <c>%name%</c>, <c>%name:modifier%</c>, <c>%name|fallback%</c> or
/// <c>%name:modifier|fallback%</c>. The name is made of ASCII letters, digits and <c>_</c>; a modifier is a word
/// (<c>e164</c>, <c>map(Mobile=cellphone;*=voice)</c>) or a pattern in single quotes, in which <c>''</c> is a quote;
/// a fallback is any text up to the closing <c>%</c>. Only the shape is read here; whether the name is a token
/// and the modifier fits it is the caller's question.
/// </summary>
internal static class TokenSyntax
{
    /// <summary>Reads the reference that starts at the '%' at <paramref name="start"/>, if the text there has the shape of one.</summary>
    public static bool TryRead(ReadOnlySpan<char> text, int start, out TokenReference reference)
    {
        reference = default;
        var i = start + 1;
        while (i < text.Length && IsNameChar(text[i]))
        {
            i++;
        }

        if (i == start + 1 || i >= text.Length)
        {
            return false;
        }

        var name = text[(start + 1)..i].ToString();
        string? modifier = null, fallback = null;
        if (text[i] == ':')
        {
            var modifierStart = ++i;
            if (i < text.Length && text[i] == '\'')
            {
                i = QuoteEnd(text, i);
                if (i < 0)
                {
                    return false;
                }
            }
            else
            {
                while (i < text.Length && text[i] is not ('|' or '%'))
                {
                    i++;
                }
            }

            modifier = text[modifierStart..i].ToString();
        }

        if (i < text.Length && text[i] == '|')
        {
            var fallbackStart = ++i;
            var close = text[i..].IndexOf('%');
            if (close < 0)
            {
                return false;
            }

            i += close;
            fallback = text[fallbackStart..i].ToString();
        }

        if (i >= text.Length || text[i] != '%')
        {
            return false;
        }

        reference = new TokenReference(start, i, name, modifier, fallback);
        return true;
    }

    public static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    // The index just after the quote that closes the one at 'open' ('' being a quote inside), or -1.
    private static int QuoteEnd(ReadOnlySpan<char> text, int open)
    {
        var i = open + 1;
        while (i < text.Length)
        {
            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return -1;
    }
}

/// <summary>A token reference from its opening '%' (<see cref="Start"/>) to its closing one (<see cref="End"/>).</summary>
internal readonly record struct TokenReference(int Start, int End, string Name, string? Modifier = null, string? Fallback = null)
{
    public int Length => End - Start + 1;
}
