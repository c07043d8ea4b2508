using System.Buffers;
using System.Text;

namespace Hookline.Deliveries;

internal static class Utf8Excerpt
{
    /// <summary>Decodes a prefix of a body, dropping a character that the cut split in two.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (Rune.DecodeLastFromUtf8(bytes, out _, out var consumed) == OperationStatus.NeedMoreData)
        {
            bytes = bytes[..^consumed];
        }

        return Encoding.UTF8.GetString(bytes);
    }
}
