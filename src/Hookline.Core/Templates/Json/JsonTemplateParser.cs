using System.Text;
using System.Text.Json;

namespace Hookline.Core.Templates.Json;

/// <summary>
/// Reads a JSON example into a tree, extracting fields as it goes. Strict RFC 8259: no comments, no trailing
/// commas, and no member twice in one object (which of the two would a field mean?).
/// </summary>
internal sealed class JsonTemplateParser
{
    // One level more than allowed, so that our own clearer message is the one a user sees.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = TemplateLimits.MaxDepth + 1 };

    private readonly TemplateOutline outline = new();
    private readonly Utf8PositionTracker positions;

    private JsonTemplateParser(byte[] utf8) => positions = new Utf8PositionTracker(utf8);

    public static JsonTemplateDocument Parse(string format)
    {
        var utf8 = Encoding.UTF8.GetBytes(format);
        var parser = new JsonTemplateParser(utf8);
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        try
        {
            reader.Read();
            if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                throw parser.At(reader).Error("A JSON template must be an object or an array: a webhook body is one.");
            }

            var root = parser.ReadValue(ref reader, "", 1, -1);
            reader.Read(); // throws if anything but whitespace follows the root value
            return new JsonTemplateDocument(root, parser.outline);
        }
        catch (JsonException e)
        {
            var at = TextPosition.OfUtf8Line(utf8, e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            throw at.Error(Reason(e), e);
        }
    }

    private JsonNode ReadValue(ref Utf8JsonReader reader, string path, int depth, int group) => reader.TokenType switch
    {
        JsonTokenType.StartObject => ReadObject(ref reader, path, depth, group),
        JsonTokenType.StartArray => ReadArray(ref reader, path, depth, group),
        JsonTokenType.String => ReadString(ref reader, path, group),
        JsonTokenType.Number =>
            new JsonLeafNode(Field(reader, path, group), JsonLeafKind.Number, inline: null) { NumberLiteral = reader.ValueSpan.ToArray() },
        JsonTokenType.True or JsonTokenType.False =>
            new JsonLeafNode(Field(reader, path, group), JsonLeafKind.Boolean, inline: null) { BooleanLiteral = reader.TokenType == JsonTokenType.True },
        _ => new JsonLeafNode(Field(reader, path, group), JsonLeafKind.Null, inline: null),
    };

    private JsonNode ReadObject(ref Utf8JsonReader reader, string path, int depth, int group)
    {
        CheckDepth(reader, depth);
        var start = reader;
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            return new JsonLeafNode(Field(start, path, group), JsonLeafKind.EmptyObject, inline: null);
        }

        var names = new List<JsonEncodedText>();
        var values = new List<JsonNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = GetString(reader);
            if (!seen.Add(name))
            {
                throw At(reader).Error($"The member \"{name}\" appears twice in this object.");
            }

            names.Add(JsonEncodedText.Encode(name, JsonTemplateDocument.WriterOptions.Encoder));
            reader.Read();
            values.Add(ReadValue(ref reader, JsonFieldPath.Member(path, name, ofRoot: depth == 1), depth + 1, group));
            reader.Read();
        }

        return new JsonObjectNode([.. names], [.. values]);
    }

    private JsonNode ReadArray(ref Utf8JsonReader reader, string path, int depth, int group)
    {
        CheckDepth(reader, depth);
        var start = reader;
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return new JsonLeafNode(Field(start, path, group), JsonLeafKind.EmptyArray, inline: null);
        }

        // Every element shares the path "…[]": the elements of an array are folded into one set of fields.
        var itemPath = JsonFieldPath.Element(path);
        var itemGroup = outline.Group(itemPath, group);
        outline.Groups[itemGroup].IsRepeated = true;
        var items = new List<JsonNode>();
        while (reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(ReadValue(ref reader, itemPath, depth + 1, itemGroup));
            reader.Read();
        }

        return new JsonArrayNode([.. items], itemGroup);
    }

    private JsonLeafNode ReadString(ref Utf8JsonReader reader, string path, int group)
    {
        var at = At(reader);
        var literal = GetString(reader);
        var field = outline.Field(path, group, isAttribute: false, at);
        return new JsonLeafNode(field, JsonLeafKind.String, outline.Inline(field, literal, at))
        {
            StringLiteral = JsonEncodedText.Encode(literal, JsonTemplateDocument.WriterOptions.Encoder),
        };
    }

    private int Field(Utf8JsonReader reader, string path, int group) =>
        outline.Field(path, group, isAttribute: false, At(reader));

    private string GetString(Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON syntax but no text.
            throw At(reader).Error("The string holds an invalid \\u escape (a lone surrogate).", e);
        }
    }

    private void CheckDepth(Utf8JsonReader reader, int depth)
    {
        if (depth > TemplateLimits.MaxDepth)
        {
            throw TemplateLimits.TooDeep(At(reader));
        }
    }

    private TextPosition At(Utf8JsonReader reader) => positions.Locate(reader.TokenStartIndex);

    // Utf8JsonReader appends its own zero-based position, which ours replaces, and advice meant for programmers.
    private static string Reason(JsonException e)
    {
        var end = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var reason = end < 0 ? e.Message : e.Message[..end];
        return reason.Replace(" Change the reader options.", "", StringComparison.Ordinal);
    }
}
