using System.Text.Json;
using Hookline.Core.Calls;
using Hookline.Core.Tokens;

namespace Hookline.Core.Templates.Json;

/// <summary>What a leaf holds in the example; a mapped value keeps that JSON type where it can.</summary>
internal enum JsonLeafKind
{
    String,
    Number,
    Boolean,
    Null,
    EmptyObject,
    EmptyArray,
}

/// <summary>A field occurrence: a scalar, or an empty object or array, which can be mapped too.</summary>
internal sealed class JsonLeafNode(int field, JsonLeafKind kind, Expression? inline) : JsonNode
{
    public JsonEncodedText StringLiteral { get; init; }

    public byte[] NumberLiteral { get; init; } = [];

    public bool BooleanLiteral { get; init; }

    public override void Write(Utf8JsonWriter writer, RenderContext context)
    {
        var expression = context.ExpressionFor(field, inline);
        if (expression is null)
        {
            WriteLiteral(writer);
        }
        else if (expression.Single is { } use)
        {
            WriteToken(writer, context, use);
        }
        else
        {
            JsonTypedValue.Write(writer, kind, expression.Compose(context));
        }
    }

    private void WriteToken(Utf8JsonWriter writer, RenderContext context, TokenUse use)
    {
        if (use.IsStructural && use.Token.Role == TokenRole.Tags)
        {
            JsonNestedValues.WriteTags(writer, context.Call.TagList);
        }
        else if (use.IsStructural && context.At == CallMoment.End)
        {
            JsonNestedValues.WritePromptResponses(writer, context.Steps);
        }
        else if (!use.IsStructural && use.TryValue(context, out var value))
        {
            JsonTypedValue.Write(writer, kind, value); // a formatted value or a fallback keeps the field's type too
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private void WriteLiteral(Utf8JsonWriter writer)
    {
        switch (kind)
        {
            case JsonLeafKind.String:
                writer.WriteStringValue(StringLiteral);
                break;
            case JsonLeafKind.Number:
                writer.WriteRawValue(NumberLiteral, skipInputValidation: true);
                break;
            case JsonLeafKind.Boolean:
                writer.WriteBooleanValue(BooleanLiteral);
                break;
            case JsonLeafKind.Null:
                writer.WriteNullValue();
                break;
            case JsonLeafKind.EmptyObject:
                writer.WriteStartObject();
                writer.WriteEndObject();
                break;
            case JsonLeafKind.EmptyArray:
                writer.WriteStartArray();
                writer.WriteEndArray();
                break;
        }
    }
}
