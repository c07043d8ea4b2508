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
        else if (expression.Token is { } token)
        {
            WriteToken(writer, context, element, token);
        }
        else
        {
            XmlText.Write(writer, expression.Compose(context), context);
        }
    }

    private static void WriteToken(XmlWriter writer, RenderContext context, XmlElementSyntax element, TokenInfo token)
    {
        switch (token.Role)
        {
            case TokenRole.PromptResponses when context.At == CallMoment.End:
                XmlNestedValues.WritePromptResponses(writer, element, context);
                break;
            case TokenRole.Tags:
                XmlNestedValues.WriteTags(writer, element, context);
                break;
            default:
                XmlText.Write(writer, context.ValueOf(token), context); // no value: an empty element
                break;
        }
    }
}
