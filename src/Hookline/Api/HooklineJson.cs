using System.Text.Json;

namespace Hookline.Api;

/// <summary>How the API reads and writes JSON bodies: strict, shallow, and without NUL characters.</summary>
public static class HooklineJson
{
    public const int MaxDepth = 32;

    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MaxDepth = MaxDepth;
        // A member given twice is refused, as in templates: which of the two would it mean?
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new NulFreeStringConverter());
    }
}
