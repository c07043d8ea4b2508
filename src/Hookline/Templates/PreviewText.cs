using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace Hookline.Templates;

/// <summary>A rendered body laid out for people to read: bodies are sent compact, previews are indented.</summary>
public static class PreviewText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Indent(PreviewResponse preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        try
        {
            if (preview.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase))
                return JsonNode.Parse(preview.Body)?.ToJsonString(Indented) ?? preview.Body;
            // The body is Hookline's own output, without a DTD; the reader refuses one anyway.
            using var reader = XmlReader.Create(new StringReader(preview.Body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var document = XDocument.Load(reader);
            var declaration = document.Declaration is { } d ? d + Environment.NewLine : "";
            return declaration + document.ToString(SaveOptions.None);
        }
        catch (Exception e) when (e is JsonException or XmlException)
        {
            return preview.Body;
        }
    }
}
