using System.Xml;

namespace Hookline.Core.Templates.Xml;

/// <summary>
/// Reads an XML example into a tree, extracting fields as it goes. DTDs are prohibited and no resolver is set:
/// no entity is ever expanded and nothing is ever fetched.
/// </summary>
internal sealed class XmlTemplateParser
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        CloseInput = true,
    };

    private readonly TemplateOutline outline = new();

    public static XmlTemplateDocument Parse(string format)
    {
        var parser = new XmlTemplateParser();
        try
        {
            using var reader = XmlReader.Create(new StringReader(format), ReaderSettings);
            return parser.ReadDocument(reader);
        }
        catch (XmlException e)
        {
            throw FormatError(format, e);
        }
    }

    private XmlTemplateDocument ReadDocument(XmlReader reader)
    {
        XmlDeclarationSyntax? declaration = null;
        XmlElementSyntax? root = null;
        var prolog = new List<XmlNodeSyntax>();
        var epilog = new List<XmlNodeSyntax>();
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.XmlDeclaration:
                    declaration = new XmlDeclarationSyntax(reader.GetAttribute("standalone") switch
                    {
                        "yes" => true,
                        "no" => false,
                        _ => null,
                    });
                    break;
                case XmlNodeType.Element:
                    root = ReadElement(reader, "", 1, -1);
                    break;
                case XmlNodeType.Comment or XmlNodeType.ProcessingInstruction:
                    (root is null ? prolog : epilog).Add(Literal(reader));
                    break;
            }
        }

        // XmlReader has already refused a document without a root element.
        return new XmlTemplateDocument(declaration, [.. prolog], root!, [.. epilog], outline);
    }

    private XmlElementSyntax ReadElement(XmlReader reader, string parentPath, int depth, int parentGroup)
    {
        var at = Position(reader, -1); // at the '<'
        if (depth > TemplateLimits.MaxDepth)
        {
            throw TemplateLimits.TooDeep(at);
        }

        var path = parentPath.Length == 0 ? reader.Name : parentPath + "/" + reader.Name;
        var group = outline.Group(path, parentGroup);
        var element = new XmlElementSyntax(reader.Prefix, reader.LocalName, reader.NamespaceURI, group);
        element.Attributes = ReadAttributes(reader, path, group);
        var children = new List<XmlNodeSyntax>();
        if (!reader.IsEmptyElement)
        {
            ReadChildren(reader, path, depth, group, children);
        }

        if (children.Exists(c => c is XmlElementSyntax))
        {
            // Between elements, whitespace is layout, not content.
            element.Children = [.. children.Where(c => c is not XmlTextSyntax text || !string.IsNullOrWhiteSpace(text.Text))];
            return element;
        }

        // No child element: the text is a field. Comments inside it are dropped.
        var textAt = children.OfType<XmlTextSyntax>().FirstOrDefault()?.At ?? at;
        var literal = string.Concat(children.OfType<XmlTextSyntax>().Select(t => t.Text));
        var field = outline.Field(path, group, isAttribute: false, textAt);
        element.Leaf = new XmlLeafText(field, literal, outline.Inline(field, literal, textAt));
        return element;
    }

    private void ReadChildren(XmlReader reader, string path, int depth, int group, List<XmlNodeSyntax> children)
    {
        var groupsSeen = new HashSet<int>();
        while (reader.Read() && reader.NodeType != XmlNodeType.EndElement)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var child = ReadElement(reader, path, depth + 1, group);
                    child.IsFirstInParent = groupsSeen.Add(child.Group);
                    outline.Groups[child.Group].IsRepeated |= !child.IsFirstInParent;
                    children.Add(child);
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    children.Add(new XmlTextSyntax(reader.Value, Position(reader, 0)));
                    break;
                case XmlNodeType.Comment or XmlNodeType.ProcessingInstruction:
                    children.Add(Literal(reader));
                    break;
            }
        }
    }

    private XmlAttributeSyntax[] ReadAttributes(XmlReader reader, string path, int group)
    {
        if (!reader.MoveToFirstAttribute())
        {
            return [];
        }

        var attributes = new List<XmlAttributeSyntax>();
        do
        {
            if (reader.NamespaceURI == XmlnsNamespace)
            {
                // A namespace declaration is kept in the output but is no field: mapping it would break the names.
                attributes.Add(new XmlAttributeSyntax(reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Value, -1, null));
                continue;
            }

            var at = Position(reader, 0);
            var field = outline.Field(path + "/@" + reader.Name, group, isAttribute: true, at);
            var inline = outline.Inline(field, reader.Value, at);
            attributes.Add(new XmlAttributeSyntax(reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Value, field, inline));
        }
        while (reader.MoveToNextAttribute());

        reader.MoveToElement();
        return [.. attributes];
    }

    private static XmlNodeSyntax Literal(XmlReader reader) => reader.NodeType == XmlNodeType.Comment
        ? new XmlCommentSyntax(reader.Value)
        : new XmlProcessingInstructionSyntax(reader.Name, reader.Value);

    private static TextPosition Position(XmlReader reader, int shift)
    {
        var info = (IXmlLineInfo)reader;
        return new TextPosition(info.LineNumber, Math.Max(1, info.LinePosition + shift));
    }

    private static TemplateFormatException FormatError(string format, XmlException e)
    {
        if (e.LineNumber > 0)
        {
            // XmlException appends " Line L, position C." to its message; ours says it the same way for JSON and XML.
            var end = e.Message.LastIndexOf(" Line ", StringComparison.Ordinal);
            return new TemplateFormatException(end < 0 ? e.Message : e.Message[..end], e.LineNumber, e.LinePosition, e);
        }

        // XmlReader gives no position when it refuses a DTD, nor for a missing root element.
        var doctype = format.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
        return doctype >= 0
            ? TextPosition.OfCharOffset(format, doctype).Error(
                "DTDs (<!DOCTYPE …>) are not allowed in a template: entities are never expanded and nothing is fetched.", e)
            : TextPosition.OfCharOffset(format, format.Length).Error(e.Message.TrimEnd('.') + ": the template needs one root element.", e);
    }
}
