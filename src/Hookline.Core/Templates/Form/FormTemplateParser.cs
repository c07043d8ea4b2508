using Hookline.Core.Tokens;

namespace Hookline.Core.Templates.Form;

/// <summary>
/// Reads a form example (<c>first=&amp;last=&amp;phone=%ani%</c>) into its pairs. The example is one line, decoded as
/// a browser decodes a form body (<c>+</c> a space, <c>%XX</c> a UTF-8 byte); in a value, a <c>%</c> that begins a
/// known token is that token. Its fields are its keys, in order; a key given twice is refused, as a JSON member is.
/// </summary>
internal sealed class FormTemplateParser
{
    private readonly string format;
    private readonly int end;
    private readonly TemplateOutline outline = new();
    private readonly FormTextDecoder decoder;
    private int i;

    private FormTemplateParser(string format)
    {
        this.format = format;
        decoder = new FormTextDecoder(format);

        // A file's closing line break is not part of the body.
        end = format.Length;
        while (end > 0 && format[end - 1] is '\n' or '\r')
        {
            end--;
        }
    }

    public static FormTemplateDocument Parse(string format) => new FormTemplateParser(format).Read();

    private FormTemplateDocument Read()
    {
        if (end == 0)
        {
            throw At(0).Error("A form template needs at least one key, as in first=&last=&phone=%ani%.");
        }

        var pairs = new List<FormPair>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var start = i;
            var key = ReadKey();
            if (key.Length == 0)
            {
                throw At(start).Error(i == start && (i == end || format[i] == '&')
                    ? "An empty pair: nothing between two '&', or before the first or after the last."
                    : "A pair without a key: every value needs a name before its '='.");
            }

            foreach (var c in key)
            {
                if (char.IsControl(c))
                {
                    throw At(start).Error($"The key holds the control character U+{(int)c:X4}: a key is a field name, one line of text.");
                }
            }

            if (!seen.Add(key))
            {
                throw At(start).Error($"The key \"{key}\" appears twice in this form.");
            }

            var field = outline.Field(key, -1, isAttribute: false, At(start));
            if (i < end && format[i] == '=')
            {
                i++;
            }

            var valueAt = At(i);
            var (literal, expression) = ReadValue();
            if (expression is not null)
            {
                outline.Fields[field].AddInline(expression, valueAt);
            }

            pairs.Add(new FormPair(field, key, literal, expression));
            if (i == end)
            {
                break;
            }

            i++; // the '&'
            if (i == end)
            {
                throw At(i - 1).Error("An empty pair: nothing between two '&', or before the first or after the last.");
            }
        }

        return new FormTemplateDocument([.. pairs], outline);
    }

    // Keys are names, decoded but not read for tokens: a '%' in a key is an escape.
    private string ReadKey()
    {
        while (i < end && format[i] is not ('=' or '&'))
        {
            var c = format[i];
            if (c == '%' && !decoder.TryAddEscape(i))
            {
                throw At(i).Error(TokenSyntax.TryRead(format.AsSpan(0, end), i, out var word) && TokenCatalog.TryGet(word.Name, out _)
                    ? $"{format.Substring(word.Start, word.Length)} stands in a key: a key is the receiver's field name; put the token in its value."
                    : "A '%' in a key must begin a %XX escape (a literal % is written %25).");
            }

            if (c != '%')
            {
                CheckCharacter(c);
                decoder.Add(c);
                i++;
                continue;
            }

            i += 3;
        }

        return decoder.Take();
    }

    // The value's literal text (the whole value, decoded) and, when it holds tokens, its expression.
    private (string Literal, Expression? Expression) ReadValue()
    {
        var segments = new List<Expression.Segment>();
        var literal = new System.Text.StringBuilder();
        var hasTokens = false;
        while (i < end && format[i] != '&')
        {
            var c = format[i];
            if (c != '%')
            {
                CheckCharacter(c);
                decoder.Add(c);
                i++;
                continue;
            }

            if (TokenSyntax.TryRead(format.AsSpan(0, end), i, out var reference) && TokenCatalog.TryGet(reference.Name, out var token))
            {
                AddLiteral(segments, literal);
                segments.Add(new Expression.Segment(null, Use(reference, token)));
                literal.Append(format, reference.Start, reference.Length);
                hasTokens = true;
                i = reference.End + 1;
                continue;
            }

            if (!decoder.TryAddEscape(i))
            {
                throw At(i).Error(TokenSyntax.TryRead(format.AsSpan(0, end), i, out var word)
                    ? $"{format.Substring(word.Start, word.Length)} is not a token; a literal % is written %25."
                    : "A '%' must begin a token or a %XX escape (a literal % is written %25).");
            }

            i += 3;
        }

        AddLiteral(segments, literal);
        var text = literal.ToString();
        return hasTokens ? (text, new Expression(text, [.. segments], [])) : (text, null);
    }

    private static TokenUse Use(TokenReference reference, TokenInfo token)
    {
        try
        {
            return TokenUse.Of(reference, token);
        }
        catch (TokenSyntaxException e)
        {
            throw At(reference.Start).Error(e.Message, e);
        }
    }

    private void AddLiteral(List<Expression.Segment> segments, System.Text.StringBuilder literal)
    {
        var text = decoder.Take();
        if (text.Length > 0)
        {
            segments.Add(new Expression.Segment(text, null));
            literal.Append(text);
        }
    }

    private void CheckCharacter(char c)
    {
        if (c is '\n' or '\r')
        {
            throw At(i).Error("A form body is one line: join its pairs with '&', not with line breaks.");
        }

        if (char.IsControl(c))
        {
            throw At(i).Error($"The control character U+{(int)c:X4} cannot stand in a form body; write it as a %XX escape.");
        }
    }

    private static TextPosition At(int index) => new(1, index + 1);
}
