using System.Xml;

namespace Hookline.Core.Templates.Xml;

/// <summary>
/// An element with its attributes, and either child nodes or, when it has no child element, its text as a field.
/// Same-named siblings share a group; when the group repeats per IVR step, the first of them is written once per
/// step and the others are left out.
/// </summary>
internal sealed class XmlElementSyntax(string prefix, string localName, string ns, int group) : XmlNodeSyntax
{
    public string Prefix { get; } = prefix;

    public string LocalName { get; } = localName;

    public string Namespace { get; } = ns;

    public int Group { get; } = group;

    public XmlAttributeSyntax[] Attributes { get; set; } = [];

    public XmlNodeSyntax[] Children { get; set; } = [];

    /// <summary>The element's text field, when it has no child element.</summary>
    public XmlLeafText? Leaf { get; set; }

    public bool IsFirstInParent { get; set; } = true;

    public override void Write(XmlWriter writer, RenderContext context)
    {
        writer.WriteStartElement(Prefix, LocalName, Namespace);
        foreach (var attribute in Attributes)
        {
            attribute.Write(writer, context);
        }

        if (Leaf is not null)
        {
            Leaf.Write(writer, context, this);
        }
        else
        {
            WriteChildren(writer, context);
        }

        writer.WriteEndElement();
    }

    private void WriteChildren(XmlWriter writer, RenderContext context)
    {
        foreach (var child in Children)
        {
            if (child is not XmlElementSyntax element || !context.IsPerStep(element.Group))
            {
                child.Write(writer, context);
            }
            else if (element.IsFirstInParent)
            {
                var outer = context.Step;
                foreach (var step in context.Steps)
                {
                    context.Step = step;
                    element.Write(writer, context);
                }

                context.Step = outer;
            }
        }
    }
}
