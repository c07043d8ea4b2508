using System.Buffers;

namespace Hookline.Core.Templates;

/// <summary>A parsed template format: an immutable tree that renders itself under a compiled plan.</summary>
internal abstract class TemplateDocument(TemplateOutline outline)
{
    public TemplateOutline Outline { get; } = outline;

    public abstract string ContentType { get; }

    /// <summary>
    /// Whether an IVR-step member may repeat an element the example shows once (XML, where any element can
    /// repeat); in JSON only an array element repeats.
    /// </summary>
    public abstract bool RepeatsImplicitly { get; }

    /// <summary>Why an IVR-step member cannot be mapped where nothing around it repeats.</summary>
    public virtual string MemberOutsideRepeat(string member) =>
        $"{member} is a value of one IVR step: map it inside an array element, which then repeats once per step.";

    public abstract void Render(RenderContext context, IBufferWriter<byte> output);
}
