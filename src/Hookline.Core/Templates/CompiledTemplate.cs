using System.Buffers;
using Hookline.Core.Calls;
using Hookline.Core.Tokens;

namespace Hookline.Core.Templates;

/// <summary>
/// A template with its mappings applied, ready to render bodies. Immutable and safe to share across threads.
/// </summary>
public sealed class CompiledTemplate
{
    private readonly TemplateDocument document;
    private readonly FieldBinding[] bindings;
    private readonly bool[] perStep;

    internal CompiledTemplate(TemplateDocument document, FieldBinding[] bindings, TimeZoneInfo? timeZone)
    {
        this.document = document;
        TimeZone = timeZone;
        this.bindings = bindings;
        perStep = RepeatPlanner.Plan(document, bindings);
        Fields = [.. document.Outline.Fields.Select((f, i) =>
            new TemplateField(f.Path, bindings[i].IsExplicit ? bindings[i].Expression?.Text : f.FirstInline?.Text))];
        Tokens = [.. document.Outline.Fields
            .SelectMany((f, i) => bindings[i].IsExplicit ? bindings[i].Expression is { } e ? [e] : [] : f.InlineExpressions)
            .SelectMany(e => e.Tokens)
            .Distinct()];
    }

    /// <summary>
    /// Every token the body uses (explicit mappings and the inline tokens that render), each once, in order: what a
    /// change of call data must touch to change the body (<c>sendUpdates</c> leaves out <c>%event%</c> and <c>%lead_status%</c>).
    /// </summary>
    public IReadOnlyList<TokenInfo> Tokens { get; }

    /// <summary>The zone its times are written in, or null (see <see cref="Template.TimeZone"/>).</summary>
    public TimeZoneInfo? TimeZone { get; }

    /// <summary>Every field with its effective mapping.</summary>
    public IReadOnlyList<TemplateField> Fields { get; }

    /// <summary><c>application/json</c>, <c>application/xml</c> or <c>application/x-www-form-urlencoded</c>.</summary>
    public string ContentType => document.ContentType;

    /// <summary>Writes the body for a call at a moment into <paramref name="output"/>, as UTF-8.</summary>
    public void Render(CallData call, CallMoment at, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(output);
        var context = RenderContext.Rent(bindings, perStep, call, at, TimeZone);
        try
        {
            document.Render(context, output);
        }
        finally
        {
            context.Return();
        }
    }

    /// <summary>The body for a call at a moment, as UTF-8.</summary>
    public byte[] Render(CallData call, CallMoment at)
    {
        ArgumentNullException.ThrowIfNull(call);
        var context = RenderContext.Rent(bindings, perStep, call, at, TimeZone);
        try
        {
            document.Render(context, context.Output);
            return context.Output.WrittenSpan.ToArray();
        }
        finally
        {
            context.Return();
        }
    }
}
