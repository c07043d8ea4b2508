using System.Buffers;
using System.Text;
using System.Xml;

namespace Hookline.Core.Templates.Xml;

/// <summary>
/// A parsed XML template: the XML declaration if the example had one, the comments and processing instructions
/// around the root, and the root element.
/// </summary>
internal sealed class XmlTemplateDocument(
    XmlDeclarationSyntax? declaration,
    XmlNodeSyntax[] prolog,
    XmlElementSyntax root,
    XmlNodeSyntax[] epilog,
    TemplateOutline outline) : TemplateDocument(outline)
{
    private static readonly XmlWriterSettings WithDeclaration = Settings(omitDeclaration: false);
    private static readonly XmlWriterSettings WithoutDeclaration = Settings(omitDeclaration: true);

    public override string ContentType => "application/xml";

    public override bool RepeatsImplicitly => true;

    public override void Render(RenderContext context, IBufferWriter<byte> output)
    {
        var stream = context.XmlStream;
        stream.Target = output;
        try
        {
            using var writer = XmlWriter.Create(stream, declaration is null ? WithoutDeclaration : WithDeclaration);
            if (declaration?.Standalone is { } standalone)
            {
                writer.WriteStartDocument(standalone);
            }

            foreach (var node in prolog)
            {
                node.Write(writer, context);
            }

            root.Write(writer, context);
            foreach (var node in epilog)
            {
                node.Write(writer, context);
            }
        }
        finally
        {
            stream.Target = null;
        }
    }

    // The body is UTF-8 whatever encoding the example declared. Entitized line breaks (&#xD;, &#xA; in attributes)
    // survive a receiver's parser, which would otherwise normalize them.
    private static XmlWriterSettings Settings(bool omitDeclaration) => new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = omitDeclaration,
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };
}

/// <summary>The example's XML declaration; only whether it said standalone is carried over.</summary>
internal sealed record XmlDeclarationSyntax(bool? Standalone);
