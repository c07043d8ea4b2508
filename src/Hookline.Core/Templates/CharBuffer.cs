namespace Hookline.Core.Templates;

/// <summary>A growable, reused character buffer, so that composing text does not allocate per render.</summary>
internal sealed class CharBuffer
{
    private char[] chars = new char[256];
    private int length;

    public ReadOnlySpan<char> Written => chars.AsSpan(0, length);

    public char[] Array => chars;

    public int Length => length;

    public void Clear() => length = 0;

    public void Append(ReadOnlySpan<char> text)
    {
        text.CopyTo(Free(text.Length));
        length += text.Length;
    }

    /// <summary>The unwritten rest of the buffer, at least <paramref name="atLeast"/> characters; <see cref="Commit"/> what is written there.</summary>
    public Span<char> Free(int atLeast)
    {
        if (length + atLeast > chars.Length)
        {
            System.Array.Resize(ref chars, Math.Max(chars.Length * 2, length + atLeast));
        }

        return chars.AsSpan(length);
    }

    public void Commit(int count) => length += count;
}
