using System.Text;
using System.Text.Json;
using System.Xml;
using Hookline.Core.Templates.Form;
using Hookline.Core.Tokens;

namespace Hookline.Core.Templates;

/// <summary>The templates available to every group: Standard JSON, Standard XML, Standard Form and the ADF 1.0 lead.</summary>
public static class BuiltInTemplates
{
    // Sent as JSON numbers by Standard JSON; every other data point is a string (ZIP codes and phone numbers
    // have leading zeros and no arithmetic).
    private static readonly HashSet<string> Numeric = new(StringComparer.Ordinal)
    {
        "dialed_time", "answered_time", "ring_count", "repeat_caller", "ani_is_valid", "visitor_lat", "visitor_long",
    };

    /// <summary>builtin-standard-json, builtin-standard-xml, builtin-standard-form and builtin-adf-xml.</summary>
    public static IReadOnlyList<BuiltInTemplate> All { get; } =
    [
        new("builtin-standard-json", "Standard JSON", TemplateType.Json, StandardJson(), StandardMappings(key => key)),
        new("builtin-standard-xml", "Standard XML", TemplateType.Xml, StandardXml(), StandardMappings(key => "call/" + key)),
        new("builtin-standard-form", "Standard Form", TemplateType.Form, StandardForm(), StandardMappings(key => key)),
        new("builtin-adf-xml", "ADF 1.0 lead (XML)", TemplateType.Xml, AdfLead.Format, new Dictionary<string, string>()),
    ];

    // Every data point except the members of an IVR step, which come inside prompt_responses.
    private static IEnumerable<TokenInfo> DataPoints => TokenCatalog.All.Where(t => t.MemberOf is null);

    // The delivery tokens are not call data: their example is the table's (call_end, new).
    private static string ExampleValue(TokenInfo token) => ExampleCall.Call.Values.GetValueOrDefault(token.Key) ?? token.Example;

    private static Dictionary<string, string> StandardMappings(Func<string, string> path) =>
        DataPoints.ToDictionary(t => path(t.Key), t => t.Token, StringComparer.Ordinal);

    private static string StandardJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var token in DataPoints)
            {
                writer.WritePropertyName(token.Key);
                if (token.IsNested)
                {
                    writer.WriteRawValue(token.Role == TokenRole.Tags ? "{}" : "[]");
                }
                else if (Numeric.Contains(token.Key))
                {
                    writer.WriteRawValue(ExampleValue(token));
                }
                else
                {
                    writer.WriteStringValue(ExampleValue(token));
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    // key=example&…: the nested tokens are flattened when rendered (tags[Region]=south, prompt_responses[0][question]=one).
    private static string StandardForm() =>
        string.Join("&", DataPoints.Select(t => t.Key + "=" + (t.IsNested ? "" : FormEncoding.EncodeToString(ExampleValue(t)))));

    private static string StandardXml()
    {
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true };
        using (var writer = XmlWriter.Create(text, settings))
        {
            writer.WriteStartElement("call");
            foreach (var token in DataPoints)
            {
                writer.WriteElementString(token.Key, token.IsNested ? "" : ExampleValue(token));
            }

            writer.WriteEndElement();
        }

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text + "\n";
    }
}
