using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hookline.Core.Templates.Json;

internal sealed class JsonTemplateDocument(JsonNode root, TemplateOutline outline) : TemplateDocument(outline)
{
    // Relaxed escaping writes non-ASCII text as UTF-8 rather than \u escapes; the body is never embedded in
    // HTML, which is what the default encoder guards against. Quotes, backslashes and controls are still escaped.
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public override string ContentType => "application/json";

    public override bool RepeatsImplicitly => false;

    public override void Render(RenderContext context, IBufferWriter<byte> output)
    {
        var writer = context.JsonWriter;
        if (writer is null)
        {
            context.JsonWriter = writer = new Utf8JsonWriter(output, WriterOptions);
        }
        else
        {
            writer.Reset(output);
        }

        root.Write(writer, context);
        writer.Flush();
    }
}
