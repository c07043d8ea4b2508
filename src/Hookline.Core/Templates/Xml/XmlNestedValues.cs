using System.Xml;

namespace Hookline.Core.Templates.Xml;

/// <summary>
/// Writes %prompt_responses% as <c>&lt;prompt_response&gt;</c> children (question, question_link, response) and
/// %tags% as <c>&lt;tag name="Region"&gt;south&lt;/tag&gt;</c> children, valid whatever the tag names are.
/// Children take the namespace and prefix of the element they are written in.
/// </summary>
internal static class XmlNestedValues
{
    public static void WritePromptResponses(XmlWriter writer, XmlElementSyntax parent, RenderContext context)
    {
        foreach (var step in context.Steps)
        {
            writer.WriteStartElement(parent.Prefix, "prompt_response", parent.Namespace);
            WriteMember(writer, parent, "question", step.Question, context);
            WriteMember(writer, parent, "question_link", step.QuestionLink, context);
            WriteMember(writer, parent, "response", step.Response, context);
            writer.WriteEndElement();
        }
    }

    public static void WriteTags(XmlWriter writer, XmlElementSyntax parent, RenderContext context)
    {
        foreach (var (name, value) in context.Call.TagList)
        {
            writer.WriteStartElement(parent.Prefix, "tag", parent.Namespace);
            writer.WriteStartAttribute("name");
            XmlText.Write(writer, name, context);
            writer.WriteEndAttribute();
            XmlText.Write(writer, value, context);
            writer.WriteEndElement();
        }
    }

    private static void WriteMember(XmlWriter writer, XmlElementSyntax parent, string name, string? value, RenderContext context)
    {
        writer.WriteStartElement(parent.Prefix, name, parent.Namespace);
        XmlText.Write(writer, value, context);
        writer.WriteEndElement();
    }
}
