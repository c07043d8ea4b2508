using System.Text;

namespace Hookline.Core.Templates;

/// <summary>The limits on a template format, so that one customer's example cannot exhaust the server.</summary>
internal static class TemplateLimits
{
    public const int MaxBytes = 256 * 1024;
    public const int MaxDepth = 64;
    public const int MaxFields = 2000;

    public static void CheckSize(string format)
    {
        // Counting stops early: a huge string is refused without walking all of it.
        if (format.Length > MaxBytes || Encoding.UTF8.GetByteCount(format) > MaxBytes)
        {
            throw new TemplateFormatException(
                $"The template is larger than 256 KiB ({MaxBytes:N0} bytes of UTF-8); shorten the example.");
        }
    }

    public static TemplateFormatException TooDeep(TextPosition at) =>
        at.Error($"The template nests deeper than {MaxDepth} levels.");

    public static TemplateFormatException TooManyFields(TextPosition at) =>
        at.Error($"The template has more than {MaxFields:N0} fields.");
}
