using System.Text.Json;

namespace Hookline.Core.Templates.Json;

/// <summary>A node of a parsed JSON template; it writes itself under the render's plan.</summary>
internal abstract class JsonNode
{
    public abstract void Write(Utf8JsonWriter writer, RenderContext context);
}

internal sealed class JsonObjectNode(JsonEncodedText[] names, JsonNode[] values) : JsonNode
{
    public override void Write(Utf8JsonWriter writer, RenderContext context)
    {
        writer.WriteStartObject();
        for (var i = 0; i < names.Length; i++)
        {
            writer.WritePropertyName(names[i]);
            values[i].Write(writer, context);
        }

        writer.WriteEndObject();
    }
}

/// <summary>
/// A non-empty array. It is written element by element as in the example, unless its elements repeat once per
/// IVR step: then the first element is the shape written for each step.
/// </summary>
internal sealed class JsonArrayNode(JsonNode[] items, int group) : JsonNode
{
    public override void Write(Utf8JsonWriter writer, RenderContext context)
    {
        writer.WriteStartArray();
        if (context.IsPerStep(group))
        {
            var outer = context.Step;
            foreach (var step in context.Steps)
            {
                context.Step = step;
                items[0].Write(writer, context);
            }

            context.Step = outer;
        }
        else
        {
            foreach (var item in items)
            {
                item.Write(writer, context);
            }
        }

        writer.WriteEndArray();
    }
}
