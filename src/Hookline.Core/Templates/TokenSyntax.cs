namespace Hookline.Core.Templates;

/// <summary>
/// Where a token reference stands in text: <c>%name%</c>, the name made of ASCII letters, digits and <c>_</c>.
/// Only the shape is read here; whether the name is a token is the caller's question.
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

        if (i == start + 1 || i >= text.Length || text[i] != '%')
        {
            return false;
        }

        reference = new TokenReference(start, i, text[(start + 1)..i].ToString());
        return true;
    }

    public static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}

/// <summary>A token reference from its opening '%' (<see cref="Start"/>) to its closing one (<see cref="End"/>).</summary>
internal readonly record struct TokenReference(int Start, int End, string Name)
{
    public int Length => End - Start + 1;
}
