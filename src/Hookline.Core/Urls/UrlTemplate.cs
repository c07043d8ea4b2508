using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Core.Tokens;

namespace Hookline.Core.Urls;

/// <summary>
/// A webhook URL with tokens in its path and query (<c>https://crm.example.com/pixel?caller=%ani%&amp;c=%campaign_name%</c>),
/// parsed once and rendered per call, each value percent-encoded where it stands. The scheme, user info, host and
/// port never come from a call: a token there is refused. Immutable and safe to share across threads.
/// </summary>
public sealed class UrlTemplate
{
    private readonly UrlPart[] parts;

    private readonly TimeZoneInfo? timeZone;

    private UrlTemplate(string text, UrlPart[] parts, TimeZoneInfo? timeZone)
    {
        Text = text;
        this.parts = parts;
        this.timeZone = timeZone;
        Tokens = [.. parts.Where(p => p.Use is not null).Select(p => p.Use!.Token).Distinct()];
    }

    /// <summary>The URL as given.</summary>
    public string Text { get; }

    /// <summary>The tokens the URL uses, in order, each once.</summary>
    public IReadOnlyList<TokenInfo> Tokens { get; }

    public bool HasTokens => Tokens.Count > 0;

    /// <summary>
    /// Parses a URL template. A <c>%</c> begins a token (<c>%ani%</c>, <c>%ani:e164%</c>, <c>%campaign_name|none%</c>) or
    /// is a <c>%XX</c> escape, kept as written; tokens may stand in the path and the query only. Time tokens are written
    /// in <paramref name="timeZone"/> as a template's are (the webhook's template's zone, say); null: as given, and
    /// modifiers in UTC.
    /// </summary>
    /// <exception cref="UrlTemplateException">
    /// The URL is not absolute; a token stands in the scheme, user info, host, port or fragment; a token is unknown,
    /// nested (<c>%tags%</c>, <c>%prompt_responses%</c>, unless written as <c>:text</c>) or a member of an IVR step; a
    /// modifier is unknown or does not fit its token; a <c>%</c> begins neither a token nor an escape; or the URL holds
    /// a space or a control character.
    /// </exception>
    public static UrlTemplate Parse(string url, TimeZoneInfo? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new UrlTemplate(url, UrlTemplateParser.Parse(url), timeZone);
    }

    /// <summary>The URL for a call at a moment: every token replaced by its value, percent-encoded; no value is empty text.</summary>
    public string Render(CallData call, CallMoment at)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!HasTokens)
        {
            return Text;
        }

        var context = RenderContext.Rent([], [], call, at, timeZone);
        try
        {
            var url = context.Scratch;
            url.Clear();
            foreach (var part in parts)
            {
                if (part.Use is not { } use)
                {
                    url.Append(part.Literal);
                }
                else if (use.TryValue(context, out var value) && part.Place == UrlPlace.Path)
                {
                    UrlEncoding.AppendPathValue(url, value);
                }
                else
                {
                    UrlEncoding.Append(url, value);
                }
            }

            return new string(url.Written);
        }
        finally
        {
            context.Return();
        }
    }
}

/// <summary>A piece of a URL template: literal text as written, or a token with the part of the URL it stands in.</summary>
internal readonly record struct UrlPart(string? Literal, TokenUse? Use, UrlPlace Place);

/// <summary>The parts of an absolute URL, in the order they come.</summary>
internal enum UrlPlace
{
    Scheme,
    Authority,
    Path,
    Query,
    Fragment,
}
