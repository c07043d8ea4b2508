using System.Buffers;

namespace Hookline.Core.Templates.Form;

/// <summary>A parsed form example: its pairs, written in order as <c>application/x-www-form-urlencoded</c>.</summary>
internal sealed class FormTemplateDocument(FormPair[] pairs, TemplateOutline outline) : TemplateDocument(outline)
{
    public const string FormContentType = "application/x-www-form-urlencoded";

    public override string ContentType => FormContentType;

    public override bool RepeatsImplicitly => false;

    public override string MemberOutsideRepeat(string member) =>
        $"{member} is a value of one IVR step, and nothing repeats in a form: map %prompt_responses% to a key instead (sent as key[0][question]=…&key[0][response]=…).";

    public override void Render(RenderContext context, IBufferWriter<byte> output)
    {
        var first = true;
        foreach (var pair in pairs)
        {
            pair.Write(output, context, ref first);
        }
    }
}
