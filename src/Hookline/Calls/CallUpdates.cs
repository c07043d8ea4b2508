using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Hookline.Calls;

/// <summary>How a <c>call.update</c> event is read: its tags, and its key, which makes a repeated update change nothing.</summary>
internal static class CallUpdates
{
    public const int MaxTags = 50;

    /// <summary>
    /// The update's key: its data points and values, in a canonical order, hashed. The same data points with the same
    /// values are the same update, whenever it comes and whatever the order of its members.
    /// </summary>
    public static string Key(Dictionary<string, string> values)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in values.Where(v => v.Key != "callid").OrderBy(v => v.Key, StringComparer.Ordinal))
            text.Append(key.Length).Append(':').Append(key).Append(value.Length).Append(':').Append(value).Append('\n');
        return "u:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>An update's <c>tags</c>: an object of text values, each kept as <c>tags.Name</c> to merge over the campaign's.</summary>
    public static void ReadTags(JsonElement tags, string prefix, Dictionary<string, string> values, Dictionary<string, string[]> errors)
    {
        var field = prefix + "tags";
        if (tags.ValueKind == JsonValueKind.Null) return;
        if (tags.ValueKind != JsonValueKind.Object)
        {
            errors[field] = [$"{field} is an object of tag names and text values, as in {{\"Region\": \"south\"}}."];
            return;
        }
        var count = 0;
        foreach (var tag in tags.EnumerateObject())
        {
            string name, value;
            try
            {
                name = tag.Name;
                value = tag.Value.ValueKind switch
                {
                    JsonValueKind.String => tag.Value.GetString()!,
                    JsonValueKind.Number => tag.Value.GetRawText(),
                    _ => throw new FormatException(),
                };
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException)
            {
                errors[field] = [$"{field}: each tag has a name and a text value."];
                return;
            }
            if (++count > MaxTags || name.Length is 0 or > 100 || value.Length > CallEventRequest.MaxValueLength
                || name.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal) || name.Any(char.IsControl))
            {
                errors[field] = [$"{field}: at most {MaxTags} tags, each named in 1 to 100 characters (no control characters) with a value of at most {CallEventRequest.MaxValueLength} characters."];
                return;
            }
            values[LateData.TagPrefix + name] = value;
        }
    }
}
