using Hookline.Core.Tokens;

namespace Hookline.Core.Templates.Modifiers;

/// <summary>
/// <c>%prompt_responses:text%</c> and <c>%tags:text%</c>: a nested value as one line of text, for a place that holds
/// text (an ADF comment, a form value, a subject line): <c>one: 1, two: 3</c> (question and response of each step),
/// <c>Region: south, Tier: 2</c>. Nothing to write (no steps, no tags, or <c>Begin</c>) is no value.
/// </summary>
internal sealed class TextModifier : TokenModifier
{
    public static readonly TextModifier Instance = new();

    private TextModifier()
    {
    }

    public override string Text => "text";

    public override ReadOnlySpan<char> Format(ReadOnlySpan<char> value, RenderContext context) => value;

    /// <summary>The nested token's value as text in the render's format buffer; empty when there is nothing.</summary>
    public static ReadOnlySpan<char> Write(TokenInfo token, RenderContext context)
    {
        var into = context.Format;
        into.Clear();
        if (token.Role == TokenRole.Tags)
        {
            foreach (var (name, value) in context.Call.TagList)
            {
                Item(into, name, value);
            }
        }
        else
        {
            foreach (var step in context.Steps)
            {
                Item(into, step.Question, step.Response);
            }
        }

        return into.Written;
    }

    private static void Item(CharBuffer into, string? name, string? value)
    {
        if (into.Length > 0)
        {
            into.Append(", ");
        }

        into.Append(name);
        if (name is not null && value is not null)
        {
            into.Append(": ");
        }

        into.Append(value);
    }
}
