using System.Text;

namespace Hookline.Core.Templates.Form;

/// <summary>
/// Decodes the literal text of a form example as a browser reads it: <c>+</c> is a space, <c>%XX</c> a byte, and a
/// run of such bytes must be UTF-8. The error of a run that is not names the column where it starts.
/// </summary>
internal sealed class FormTextDecoder(string format)
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly StringBuilder text = new();
    private readonly List<byte> bytes = [];
    private int bytesStart;

    public void Add(char c)
    {
        Flush();
        text.Append(c == '+' ? ' ' : c);
    }

    /// <summary>Adds the escape <c>%XX</c> at <paramref name="at"/>; false if the text there is no such escape.</summary>
    public bool TryAddEscape(int at)
    {
        if (at + 2 >= format.Length || !char.IsAsciiHexDigit(format[at + 1]) || !char.IsAsciiHexDigit(format[at + 2]))
        {
            return false;
        }

        if (bytes.Count == 0)
        {
            bytesStart = at;
        }

        bytes.Add((byte)Convert.ToInt32(format.Substring(at + 1, 2), 16));
        return true;
    }

    /// <summary>The text decoded so far, and starts anew.</summary>
    public string Take()
    {
        Flush();
        var taken = text.ToString();
        text.Clear();
        return taken;
    }

    private void Flush()
    {
        if (bytes.Count == 0)
        {
            return;
        }

        try
        {
            text.Append(Strict.GetString([.. bytes]));
        }
        catch (DecoderFallbackException e)
        {
            var hint = TokenSyntax.TryRead(format, bytesStart, out var word)
                ? $" ({format.Substring(word.Start, word.Length)} is not a token; a literal % is written %25)"
                : "";
            throw new TextPosition(1, bytesStart + 1).Error($"The escapes here are not UTF-8 text{hint}.", e);
        }

        bytes.Clear();
    }
}
