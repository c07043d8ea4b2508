using System.Xml;

namespace Hookline.Core.Templates.Xml;

/// <summary>An attribute: a field, or (field -1) a namespace declaration kept as it is.</summary>
internal sealed class XmlAttributeSyntax(string prefix, string localName, string ns, string literal, int field, Expression? inline)
{
    public void Write(XmlWriter writer, RenderContext context)
    {
        writer.WriteStartAttribute(prefix, localName, ns);
        var expression = field < 0 ? null : context.ExpressionFor(field, inline);
        if (expression is null)
        {
            writer.WriteString(literal);
        }
        else if (expression.Single is { } use)
        {
            if (use.TryValue(context, out var value))
            {
                XmlText.Write(writer, value, context);
            }
        }
        else
        {
            XmlText.Write(writer, expression.Compose(context), context);
        }

        writer.WriteEndAttribute();
    }
}
