using System.Text.Json;

namespace Hookline.Core.Templates.Json;

/// <summary>
/// Writes a value with the JSON type of the example field, where the value allows it; else as a string. A number
/// too large for a double is a string too: most receivers would read it as infinity.
/// </summary>
internal static class JsonTypedValue
{
    public static void Write(Utf8JsonWriter writer, JsonLeafKind kind, ReadOnlySpan<char> value)
    {
        switch (kind)
        {
            case JsonLeafKind.Number when JsonNumberText.IsValid(value) && JsonNumberText.FitsDouble(value):
                writer.WriteRawValue(value, skipInputValidation: true); // validated just above, by the JSON grammar
                return;
            case JsonLeafKind.Boolean when TryParseBoolean(value, out var boolean):
                writer.WriteBooleanValue(boolean);
                return;
            case JsonLeafKind.Number or JsonLeafKind.Boolean when value.IsEmpty:
                writer.WriteNullValue(); // an empty value is no number: null tells a typed receiver "none"
                return;
            default:
                writer.WriteStringValue(value);
                return;
        }
    }

    private static bool TryParseBoolean(ReadOnlySpan<char> value, out bool boolean)
    {
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value is "1")
        {
            boolean = true;
            return true;
        }

        boolean = false;
        return value.Equals("false", StringComparison.OrdinalIgnoreCase) || value is "0";
    }
}
