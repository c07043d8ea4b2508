using System.Xml;

namespace Hookline.Core.Templates.Xml;

/// <summary>A node of a parsed XML template; it writes itself under the render's plan.</summary>
internal abstract class XmlNodeSyntax
{
    public abstract void Write(XmlWriter writer, RenderContext context);
}

/// <summary>Text beside child elements (mixed content): kept as it is, not a field.</summary>
internal sealed class XmlTextSyntax(string text, TextPosition at) : XmlNodeSyntax
{
    public string Text { get; } = text;

    public TextPosition At { get; } = at;

    public override void Write(XmlWriter writer, RenderContext context) => writer.WriteString(Text);
}

internal sealed class XmlCommentSyntax(string text) : XmlNodeSyntax
{
    public override void Write(XmlWriter writer, RenderContext context) => writer.WriteComment(text);
}

/// <summary>A processing instruction such as ADF's <c>&lt;?adf version="1.0"?&gt;</c>, kept as it is.</summary>
internal sealed class XmlProcessingInstructionSyntax(string name, string text) : XmlNodeSyntax
{
    public override void Write(XmlWriter writer, RenderContext context) => writer.WriteProcessingInstruction(name, text);
}
