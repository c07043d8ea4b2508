using System.Text;

namespace Hookline.Core.Templates.Json;

/// <summary>
/// Turns increasing byte offsets of a forward parse into line and column, counting each byte once,
/// so that locating every field of a one-line 256 KiB template stays linear.
/// </summary>
internal sealed class Utf8PositionTracker(byte[] utf8)
{
    private int offset;
    private int line = 1;
    private int column = 1;

    public TextPosition Locate(long at)
    {
        var target = (int)Math.Min(at, utf8.Length);
        if (target < offset)
        {
            return TextPosition.OfUtf8Offset(utf8, target);
        }

        var span = utf8.AsSpan(offset, target - offset);
        var lastNewLine = span.LastIndexOf((byte)'\n');
        if (lastNewLine >= 0)
        {
            line += span.Count((byte)'\n');
            column = 1;
            span = span[(lastNewLine + 1)..];
        }

        column += Encoding.UTF8.GetCharCount(span);
        offset = target;
        return new TextPosition(line, column);
    }
}
