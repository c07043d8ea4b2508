using System.Globalization;
using System.Text;

namespace Hookline.Core.Templates;

/// <summary>The limits on a template format, so that one customer's example cannot exhaust the server.</summary>
internal static class TemplateLimits
{
    public const int MaxBytes = 256 * 1024;
    public const int MaxDepth = 64;
    public const int MaxFields = 2000;

    /// <summary>A mapping expression is one line: a token, or a subject line or note with tokens in it.</summary>
    public const int MaxMappingLength = 2000;

    public static void CheckSize(string format)
    {
        // Counting stops early: a huge string is refused without walking all of it.
        if (format.Length > MaxBytes || Encoding.UTF8.GetByteCount(format) > MaxBytes)
        {
            throw new TemplateFormatException(
                $"The template is larger than 256 KiB ({MaxBytes:N0} bytes of UTF-8); shorten the example.");
        }
    }

    /// <summary>Refuses a mapping expression that is too long or holds a control character (C0, DEL or C1).</summary>
    public static void CheckMapping(string path, string text)
    {
        if (text.Length > MaxMappingLength)
        {
            throw new TemplateMappingException(path, string.Create(CultureInfo.InvariantCulture,
                $"The mapping is {text.Length:N0} characters long; at most {MaxMappingLength:N0} are allowed."));
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]))
            {
                throw new TemplateMappingException(path, string.Create(CultureInfo.InvariantCulture,
                    $"The mapping holds the control character U+{(int)text[i]:X4} at character {i + 1}; a mapping is one line of text, without tabs or line breaks."));
            }
        }
    }

    public static TemplateFormatException TooDeep(TextPosition at) =>
        at.Error($"The template nests deeper than {MaxDepth} levels.");

    public static TemplateFormatException TooManyFields(TextPosition at) =>
        at.Error($"The template has more than {MaxFields:N0} fields.");
}
