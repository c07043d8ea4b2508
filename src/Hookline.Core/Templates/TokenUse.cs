using Hookline.Core.Templates.Modifiers;
using Hookline.Core.Tokens;

namespace Hookline.Core.Templates;

/// <summary>
/// A token as it is used in a template, mapping or URL: <c>%ani%</c>, with a modifier (<c>%ani:e164%</c>), a
/// fallback (<c>%campaign_name|none%</c>) or both (<c>%call_start_time:date|unknown%</c>). The modifier comes first and
/// the fallback last; the fallback is text written as it is, when the token has no value or an empty one.
/// </summary>
internal sealed class TokenUse
{
    private TokenUse(TokenInfo token, TokenModifier? modifier, string? fallback)
    {
        Token = token;
        Modifier = modifier;
        Fallback = fallback;
        Text = "%" + token.Key + (modifier is null ? "" : ":" + modifier.Text) + (fallback is null ? "" : "|" + fallback) + "%";
    }

    public TokenInfo Token { get; }

    public TokenModifier? Modifier { get; }

    public string? Fallback { get; }

    /// <summary>The use in its canonical spelling: <c>%ani:e164|none%</c>.</summary>
    public string Text { get; }

    /// <summary>A nested token written as structure (an array, child elements, flattened pairs), not as text.</summary>
    public bool IsStructural => Token.IsNested && Modifier is null;

    /// <exception cref="TokenSyntaxException">The modifier does not fit the token, or a nested token has a fallback but no <c>:text</c>.</exception>
    public static TokenUse Create(TokenInfo token, string? modifier, string? fallback)
    {
        var parsed = modifier is null ? null : TokenModifier.Parse(token, modifier);
        if (token.IsNested && parsed is null && fallback is not null)
        {
            throw new TokenSyntaxException(
                $"{token.Token[..^1]}|{fallback}%: {token.Token} is a list or a set of pairs, which a text fallback cannot stand for; write it as text with a fallback: {token.Token[..^1]}:text|{fallback}%.");
        }

        return new TokenUse(token, parsed, fallback);
    }

    public static TokenUse Of(TokenReference reference, TokenInfo token) => Create(token, reference.Modifier, reference.Fallback);

    /// <summary>
    /// The value to write, formatted; false when there is none (no value and no fallback). An empty value is written
    /// as empty text, unless there is a fallback. Without a modifier, a time token of a template with a time zone is
    /// written in ISO 8601 in that zone.
    /// </summary>
    public bool TryValue(RenderContext context, out ReadOnlySpan<char> value)
    {
        string? raw = null;
        if (Token.IsNested)
        {
            value = TextModifier.Write(Token, context); // only :text gets here; structure is written by each format
        }
        else
        {
            raw = context.ValueOf(Token);
            value = raw;
        }

        if (value.IsEmpty)
        {
            if (Fallback is not null)
            {
                value = Fallback;
                return true;
            }

            return raw is not null;
        }

        if (Modifier is not null)
        {
            value = Modifier.Format(value, context);
        }
        else if (Token.Kind == TokenKind.Time && context.TimeZone is not null)
        {
            value = TimeModifier.Iso.Format(value, context);
        }

        return true;
    }
}
