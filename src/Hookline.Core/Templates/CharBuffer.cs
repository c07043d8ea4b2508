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
        if (length + text.Length > chars.Length)
        {
            System.Array.Resize(ref chars, Math.Max(chars.Length * 2, length + text.Length));
        }

        text.CopyTo(chars.AsSpan(length));
        length += text.Length;
    }
}
