using System.Buffers;
using System.Globalization;
using Hookline.Core.Calls;
using Hookline.Core.Tokens;

namespace Hookline.Core.Templates.Form;

/// <summary>
/// One <c>key=value</c> of a form: a field. A nested token is flattened the way PHP and Rails read forms:
/// <c>key[Region]=south</c> for each tag, <c>key[0][question]=one&amp;key[0][question_link]=…&amp;key[0][response]=1</c>
/// for each IVR step; none at all, not even the key, when there are none.
/// </summary>
internal sealed class FormPair(int field, string key, string literal, Expression? inline)
{
    private static ReadOnlySpan<byte> Open => "%5B"u8;

    private static ReadOnlySpan<byte> Close => "%5D"u8;

    private readonly byte[] encodedKey = FormEncoding.Encode(key);
    private readonly byte[] encodedLiteral = FormEncoding.Encode(literal);

    public void Write(IBufferWriter<byte> output, RenderContext context, ref bool first)
    {
        var expression = context.ExpressionFor(field, inline);
        if (expression?.Single is { IsStructural: true } nested)
        {
            WriteNested(output, context, nested.Token, ref first);
            return;
        }

        StartPair(output, ref first);
        output.Write("="u8);
        if (expression is null)
        {
            output.Write(encodedLiteral);
        }
        else if (expression.Single is { } use)
        {
            if (use.TryValue(context, out var value))
            {
                FormEncoding.Write(output, value); // no value: an empty one
            }
        }
        else
        {
            FormEncoding.Write(output, expression.Compose(context));
        }
    }

    private void WriteNested(IBufferWriter<byte> output, RenderContext context, TokenInfo token, ref bool first)
    {
        if (token.Role == TokenRole.Tags)
        {
            foreach (var (name, value) in context.Call.TagList)
            {
                StartPair(output, ref first);
                WriteBracket(output, name);
                output.Write("="u8);
                FormEncoding.Write(output, value);
            }

            return;
        }

        if (context.At == CallMoment.Begin)
        {
            return;
        }

        var steps = context.Steps;
        for (var n = 0; n < steps.Length; n++)
        {
            WriteMember(output, n, "question", steps[n].Question, ref first);
            WriteMember(output, n, "question_link", steps[n].QuestionLink, ref first);
            WriteMember(output, n, "response", steps[n].Response, ref first);
        }
    }

    private void WriteMember(IBufferWriter<byte> output, int step, string member, string? value, ref bool first)
    {
        StartPair(output, ref first);
        WriteBracket(output, step.ToString(CultureInfo.InvariantCulture));
        WriteBracket(output, member);
        output.Write("="u8);
        FormEncoding.Write(output, value);
    }

    private void StartPair(IBufferWriter<byte> output, ref bool first)
    {
        if (!first)
        {
            output.Write("&"u8);
        }

        first = false;
        output.Write(encodedKey);
    }

    private static void WriteBracket(IBufferWriter<byte> output, string name)
    {
        output.Write(Open);
        FormEncoding.Write(output, name);
        output.Write(Close);
    }
}
