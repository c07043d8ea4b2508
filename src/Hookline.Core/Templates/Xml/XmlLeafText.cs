using System.Xml;
using Hookline.Core.Calls;
using Hookline.Core.Tokens;

namespace Hookline.Core.Templates.Xml;

/// <summary>The text of an element without child elements: a field.</summary>
internal sealed class XmlLeafText(int field, string literal, Expression? inline)
{
    public void Write(XmlWriter writer, RenderContext context, XmlElementSyntax element)
    {
        var expression = context.ExpressionFor(field, inline);
        if (expression is null)
        {
            if (literal.Length > 0)
            {
                writer.WriteString(literal); // an empty one stays self-closed, as in the example
            }
        }
        else if (expression.Single is { } use)
        {
            WriteToken(writer, context, element, use);
        }
        else
        {
            XmlText.Write(writer, expression.Compose(context), context);
        }
    }

    private static void WriteToken(XmlWriter writer, RenderContext context, XmlElementSyntax element, TokenUse use)
    {
        if (use.IsStructural)
        {
            if (use.Token.Role == TokenRole.Tags)
            {
                XmlNestedValues.WriteTags(writer, element, context);
            }
            else if (context.At == CallMoment.End)
            {
                XmlNestedValues.WritePromptResponses(writer, element, context);
            }
        }
        else if (use.TryValue(context, out var value))
        {
            XmlText.Write(writer, value, context); // no value: an empty element
        }
    }
}
