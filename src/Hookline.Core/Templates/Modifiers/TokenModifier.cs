using Hookline.Core.Tokens;

namespace Hookline.Core.Templates.Modifiers;

/// <summary>
/// How a token's value is written: <c>:e164</c>, <c>:national</c>, <c>:digits</c> for phone numbers; <c>:unix</c>,
/// <c>:unix_ms</c>, <c>:date</c>, <c>:time</c>, <c>:iso</c> or a quoted .NET pattern for moments; <c>:map(…)</c> for any
/// value; <c>:text</c> for the two nested tokens. Modifiers are immutable and shared.
/// </summary>
internal abstract class TokenModifier
{
    private const string PhoneModifiers = ":e164, :national, :digits or :map(…)";
    private const string TimeModifiers = ":unix, :unix_ms, :date, :time, :iso, a pattern in quotes (:'MM/dd/yyyy hh:mm tt') or :map(…)";

    /// <summary>The modifier as written after the ':', in its canonical spelling.</summary>
    public abstract string Text { get; }

    /// <summary>
    /// Writes a value (never empty) into the render's format buffer and returns it, or returns the value as it is when
    /// it cannot be read as what the modifier expects (a phone number that is not North American, text that is no
    /// moment).
    /// </summary>
    public abstract ReadOnlySpan<char> Format(ReadOnlySpan<char> value, RenderContext context);

    /// <summary>The modifier for a token, or a message saying why it does not fit.</summary>
    /// <exception cref="TokenSyntaxException">The modifier is unknown, empty, malformed or not for this kind of token.</exception>
    public static TokenModifier Parse(TokenInfo token, string text)
    {
        var written = $"{token.Token[..^1]}:{text}%";
        if (text.Length == 0)
        {
            throw new TokenSyntaxException($"{written}: the modifier after ':' is missing; {token.Token} takes {Takes(token)}.");
        }

        if (token.IsNested)
        {
            return text.Equals("text", StringComparison.OrdinalIgnoreCase)
                ? TextModifier.Instance
                : throw new TokenSyntaxException($"{written}: {token.Token} is a list or a set of pairs; its one modifier is :text, which writes it as one line of text.");
        }

        if (text.StartsWith("map(", StringComparison.OrdinalIgnoreCase))
        {
            return MapModifier.Parse(written, text);
        }

        if (text.StartsWith('\''))
        {
            return token.Kind == TokenKind.Time
                ? TimeModifier.ParsePattern(written, text)
                : throw Misfit(written, token, "a quoted pattern", "time tokens");
        }

        if (PhoneModifier.Find(text) is { } phone)
        {
            return token.Kind == TokenKind.Phone ? phone : throw Misfit(written, token, ":" + phone.Text, "phone tokens");
        }

        if (TimeModifier.Find(text) is { } time)
        {
            return token.Kind == TokenKind.Time ? time : throw Misfit(written, token, ":" + time.Text, "time tokens");
        }

        if (text.Equals("text", StringComparison.OrdinalIgnoreCase))
        {
            throw Misfit(written, token, ":text", "the two nested tokens, %prompt_responses% and %tags%");
        }

        throw new TokenSyntaxException(text.Contains(':', StringComparison.Ordinal)
            ? $"{written}: a token takes one modifier at a time; {token.Token} takes {Takes(token)}."
            : $"{written}: '{text}' is not a modifier; {token.Token} takes {Takes(token)}.");
    }

    private static TokenSyntaxException Misfit(string written, TokenInfo token, string modifier, string forWhat) =>
        new($"{written}: {modifier} is for {forWhat}; {token.Token} takes {Takes(token)}.");

    private static string Takes(TokenInfo token) => token.IsNested
        ? ":text only"
        : token.Kind switch
        {
            TokenKind.Phone => PhoneModifiers,
            TokenKind.Time => TimeModifiers,
            _ => ":map(…) only (:e164, :national and :digits are for phone numbers, :unix, :date and the like for times)",
        };
}
