using System.Buffers;
using System.Text.Json;
using Hookline.Core.Calls;
using Hookline.Core.Templates.Xml;
using Hookline.Core.Tokens;

namespace Hookline.Core.Templates;

/// <summary>
/// The state of one render, and the buffers and writers reused between renders on the same thread, so that a
/// render allocates little more than its result.
/// </summary>
internal sealed class RenderContext
{
    [ThreadStatic]
    private static RenderContext? cached;

    private FieldBinding[] bindings = [];
    private bool[] perStep = [];

    public CallData Call { get; private set; } = null!;

    public CallMoment At { get; private set; }

    /// <summary>The zone a template writes its times in, or null: UTC for modifiers, values as given without one.</summary>
    public TimeZoneInfo? TimeZone { get; private set; }

    /// <summary>The IVR step being repeated, or null outside a repeated element.</summary>
    public PromptResponse? Step { get; set; }

    /// <summary>For composing text from an expression.</summary>
    public CharBuffer Text { get; } = new();

    /// <summary>For text that must be cleaned before it is written (XML), and for building a URL.</summary>
    public CharBuffer Scratch { get; } = new();

    /// <summary>For a value that a modifier writes (<c>%ani:e164%</c>), consumed before the next one is formatted.</summary>
    public CharBuffer Format { get; } = new();

    public Utf8JsonWriter? JsonWriter { get; set; }

    public BufferWriterStream XmlStream { get; } = new();

    public ArrayBufferWriter<byte> Output { get; } = new(4096);

    /// <summary>No IVR step is known at the beginning of a call.</summary>
    public PromptResponse[] Steps => At == CallMoment.Begin ? [] : Call.Steps;

    public static RenderContext Rent(FieldBinding[] bindings, bool[] perStep, CallData call, CallMoment at, TimeZoneInfo? timeZone)
    {
        var context = cached ?? new RenderContext();
        cached = null; // a nested render on this thread gets its own
        context.bindings = bindings;
        context.perStep = perStep;
        context.Call = call;
        context.At = at;
        context.TimeZone = timeZone;
        context.Step = null;
        return context;
    }

    public void Return()
    {
        Call = null!;
        bindings = [];
        Output.ResetWrittenCount();
        JsonWriter?.Reset(Output); // holds no reference to the caller's buffer between renders
        if (Output.Capacity <= 1024 * 1024)
        {
            cached = this; // an unusually large body's buffer is left to the collector
        }
    }

    public bool IsPerStep(int group) => group >= 0 && perStep[group];

    /// <summary>What an occurrence renders: the field's explicit mapping if it has one, else its own inline one.</summary>
    public Expression? ExpressionFor(int field, Expression? inline)
    {
        ref readonly var binding = ref bindings[field];
        return binding.IsExplicit ? binding.Expression : inline;
    }

    /// <summary>A token's value at this moment, or null when it has none.</summary>
    public string? ValueOf(TokenInfo token) => token.Role switch
    {
        TokenRole.Scalar => Call.ValueOf(token, At),
        TokenRole.Question => Step?.Question,
        TokenRole.QuestionLink => Step?.QuestionLink,
        TokenRole.Response => Step?.Response,
        _ => null,
    };
}
