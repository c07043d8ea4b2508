using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;

namespace Hookline.Deliveries;

/// <summary>A request body indented for reading: JSON by System.Text.Json, XML by XmlWriter; anything that does not parse as it is.</summary>
public static class PrettyBody
{
    public static string Format(string body, string contentType)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(contentType);
        if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase)) return Json(body) ?? body;
        if (contentType.Contains("xml", StringComparison.OrdinalIgnoreCase)) return Xml(body) ?? body;
        return body;
    }

    private static string? Json(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 256 });
            using var buffer = new MemoryStream();
            // The page escapes what it shows, so the text can keep its characters as they are rather than \u-escaped.
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                document.WriteTo(writer);
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Xml(string body)
    {
        try
        {
            // No DTD: a document type could make the reader expand entities without end; such a body is shown as it is.
            using var reader = XmlReader.Create(new StringReader(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true, XmlResolver = null });
            var text = new StringBuilder();
            reader.Read();
            // The writer would drop the declaration (or write its own, for UTF-16): it is copied as it was sent.
            if (reader.NodeType == XmlNodeType.XmlDeclaration)
            {
                text.Append("<?xml ").Append(reader.Value).Append("?>\n");
                reader.Read();
            }
            using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", OmitXmlDeclaration = true }))
            {
                while (!reader.EOF) writer.WriteNode(reader, defattr: true);
            }
            return text.ToString();
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
