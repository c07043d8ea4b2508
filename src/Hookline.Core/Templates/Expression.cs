using Hookline.Core.Tokens;

namespace Hookline.Core.Templates;

/// <summary>
/// A mapping expression: exactly one token (<c>%ani%</c>, <c>%ani:e164|none%</c>), or text with tokens inside
/// (<c>Call from %ani_first_name% %ani_last_name%</c>) rendered by substitution.
/// </summary>
internal sealed class Expression
{
    private readonly Segment[] segments;

    internal Expression(string text, Segment[] segments, string[] unknownTokens)
    {
        this.segments = segments;
        UnknownTokens = unknownTokens;
        Single = segments is [{ Use: { } only }] ? only : null;
        Text = Single?.Text ?? text;
        foreach (var segment in segments)
        {
            if (segment.Use is not { } use)
            {
                continue;
            }

            HasTokens = true;
            if (use.Token.MemberOf is not null)
            {
                Member ??= use.Token;
            }

            if (use.IsStructural && Single is null)
            {
                NestedInText ??= use.Token;
            }
        }
    }

    /// <summary>As written; a single token in its canonical spelling (<c>%ani%</c>, <c>%ani:e164%</c>).</summary>
    public string Text { get; }

    /// <summary>The token use when the expression is exactly one token, otherwise null.</summary>
    public TokenUse? Single { get; }

    /// <summary>The token when the expression is exactly one token, otherwise null.</summary>
    public TokenInfo? Token => Single?.Token;

    public bool HasTokens { get; }

    /// <summary>The first IVR-step member token used (%question%, %question_link%, %response%), if any.</summary>
    public TokenInfo? Member { get; }

    /// <summary>A nested token (%prompt_responses%, %tags%) used inside text without <c>:text</c>, which cannot be substituted.</summary>
    public TokenInfo? NestedInText { get; }

    /// <summary>The <c>%words%</c> that look like tokens but are not; they stay literal text.</summary>
    public IReadOnlyList<string> UnknownTokens { get; }

    /// <summary>Every token the expression uses.</summary>
    public IEnumerable<TokenInfo> Tokens => segments.Where(s => s.Use is not null).Select(s => s.Use!.Token);

    /// <exception cref="TokenSyntaxException">A known token has a modifier or fallback that does not fit it.</exception>
    public static Expression Parse(string text)
    {
        var segments = new List<Segment>();
        var unknown = new List<string>();
        var literalStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '%' || !TokenSyntax.TryRead(text, i, out var reference))
            {
                i++;
                continue;
            }

            if (TokenCatalog.TryGet(reference.Name, out var token))
            {
                AddLiteral(segments, text, literalStart, i);
                segments.Add(new Segment(null, TokenUse.Of(reference, token)));
                i = literalStart = reference.End + 1;
            }
            else
            {
                var word = text[i..(reference.End + 1)];
                if (!unknown.Contains(word))
                {
                    unknown.Add(word);
                }

                i = reference.End; // the closing '%' may open the next token: "%foo%ani%"
            }
        }

        AddLiteral(segments, text, literalStart, text.Length);
        return new Expression(text, [.. segments], [.. unknown]);
    }

    /// <summary>Writes the text with each token replaced by its value, or by nothing when it has none.</summary>
    public ReadOnlySpan<char> Compose(RenderContext context)
    {
        var text = context.Text;
        text.Clear();
        foreach (var segment in segments)
        {
            if (segment.Literal is { } literal)
            {
                text.Append(literal);
            }
            else if (segment.Use!.TryValue(context, out var value))
            {
                text.Append(value);
            }
        }

        return text.Written;
    }

    private static void AddLiteral(List<Segment> segments, string text, int start, int end)
    {
        if (end > start)
        {
            segments.Add(new Segment(text[start..end], null));
        }
    }

    /// <summary>A piece of an expression: literal text, or a token.</summary>
    internal readonly record struct Segment(string? Literal, TokenUse? Use);
}
