using Hookline.Core.Tokens;

namespace Hookline.Core.Templates;

/// <summary>
/// A mapping expression: exactly one token (<c>%ani%</c>), or text with tokens inside
/// (<c>Call from %ani_first_name% %ani_last_name%</c>) rendered by substitution.
/// </summary>
internal sealed class Expression
{
    private readonly Segment[] segments;

    internal Expression(string text, Segment[] segments, string[] unknownTokens)
    {
        this.segments = segments;
        UnknownTokens = unknownTokens;
        Token = segments is [{ Token: { } only }] ? only : null;
        Text = Token?.Token ?? text;
        foreach (var segment in segments)
        {
            if (segment.Token is not { } token)
            {
                continue;
            }

            HasTokens = true;
            if (token.MemberOf is not null)
            {
                Member ??= token;
            }

            if (token.IsNested && Token is null)
            {
                NestedInText ??= token;
            }
        }
    }

    /// <summary>As written; a single token in its canonical spelling (<c>%ani%</c>).</summary>
    public string Text { get; }

    /// <summary>The token when the expression is exactly one token, otherwise null.</summary>
    public TokenInfo? Token { get; }

    public bool HasTokens { get; }

    /// <summary>The first IVR-step member token used (%question%, %question_link%, %response%), if any.</summary>
    public TokenInfo? Member { get; }

    /// <summary>A nested token (%prompt_responses%, %tags%) used inside text, which cannot be substituted.</summary>
    public TokenInfo? NestedInText { get; }

    /// <summary>The <c>%words%</c> that look like tokens but are not; they stay literal text.</summary>
    public IReadOnlyList<string> UnknownTokens { get; }

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
                segments.Add(new Segment(null, token));
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
            text.Append(segment.Literal ?? context.ValueOf(segment.Token!));
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
    internal readonly record struct Segment(string? Literal, TokenInfo? Token);
}
