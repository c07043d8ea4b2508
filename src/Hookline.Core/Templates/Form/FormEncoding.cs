using System.Buffers;
using System.Text;

namespace Hookline.Core.Templates.Form;

/// <summary>
/// The <c>application/x-www-form-urlencoded</c> byte serializer of the WHATWG URL standard: text as UTF-8, ASCII
/// letters, digits and <c>*-._</c> as they are, a space as <c>+</c>, every other byte as <c>%XX</c>. A lone
/// surrogate, which is no text, is sent as U+FFFD.
/// </summary>
internal static class FormEncoding
{
    // The most one UTF-16 character can become: a rune of four UTF-8 bytes, each as %XX.
    private const int MaxBytesPerChar = 12;

    private static ReadOnlySpan<byte> Hex => "0123456789ABCDEF"u8;

    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        Span<byte> utf8 = stackalloc byte[4];
        while (!text.IsEmpty)
        {
            var span = output.GetSpan(Math.Min(text.Length, 512) * MaxBytesPerChar);
            var written = 0;
            var consumed = 0;
            while (consumed < text.Length && written + MaxBytesPerChar <= span.Length)
            {
                var c = text[consumed];
                if (c < 0x80)
                {
                    written += WriteByte(span[written..], (byte)c);
                    consumed++;
                    continue;
                }

                if (Rune.DecodeFromUtf16(text[consumed..], out var rune, out var used) != OperationStatus.Done)
                {
                    rune = Rune.ReplacementChar;
                    used = Math.Max(used, 1);
                }

                var length = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length])
                {
                    written += WriteByte(span[written..], b);
                }

                consumed += used;
            }

            output.Advance(written);
            text = text[consumed..];
        }
    }

    public static byte[] Encode(ReadOnlySpan<char> text)
    {
        var output = new ArrayBufferWriter<byte>(Math.Max(16, text.Length));
        Write(output, text);
        return output.WrittenSpan.ToArray();
    }

    public static string EncodeToString(ReadOnlySpan<char> text) => Encoding.ASCII.GetString(Encode(text));

    private static int WriteByte(Span<byte> into, byte b)
    {
        if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'*' or (byte)'-' or (byte)'.' or (byte)'_')
        {
            into[0] = b;
            return 1;
        }

        if (b == (byte)' ')
        {
            into[0] = (byte)'+';
            return 1;
        }

        into[0] = (byte)'%';
        into[1] = Hex[b >> 4];
        into[2] = Hex[b & 0xF];
        return 3;
    }
}
