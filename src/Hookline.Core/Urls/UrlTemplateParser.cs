using Hookline.Core.Templates;
using Hookline.Core.Tokens;

namespace Hookline.Core.Urls;

/// <summary>
/// Splits a URL template into literal text and tokens, following which part of the URL each token stands in from
/// the literal text before it (so that a <c>/</c> or <c>?</c> inside a token does not count).
/// </summary>
internal sealed class UrlTemplateParser(string url)
{
    private readonly List<UrlPart> parts = [];
    private UrlPlace place = UrlPlace.Scheme;
    private int literalStart;
    private int authorityStart;

    public static UrlPart[] Parse(string url) => new UrlTemplateParser(url).Read();

    private UrlPart[] Read()
    {
        CheckScheme();
        var i = 0;
        while (i < url.Length)
        {
            var c = url[i];
            if (c == '%')
            {
                i = Percent(i);
                continue;
            }

            if (c == ' ' || char.IsControl(c))
            {
                throw Error(i, c == ' '
                    ? "A URL cannot hold a space: write it as %20."
                    : $"A URL cannot hold the control character U+{(int)c:X4}.");
            }

            Advance(i);
            i++;
        }

        AddLiteral(url.Length);
        return [.. parts];
    }

    // A '%' begins a known token, else a %XX escape (kept as written), else it is an error.
    private int Percent(int i)
    {
        if (TokenSyntax.TryRead(url, i, out var reference) && TokenCatalog.TryGet(reference.Name, out var token))
        {
            var text = url.Substring(reference.Start, reference.Length);
            if (place is UrlPlace.Scheme or UrlPlace.Authority)
            {
                throw Error(i, $"{text} stands in the host of the URL: the scheme, user info, host and port never come from a call. Tokens may stand in the path and the query.");
            }

            if (place == UrlPlace.Fragment)
            {
                throw Error(i, $"{text} stands in the fragment (after '#'), which is never sent to the receiver: put it in the path or the query.");
            }

            TokenUse use;
            try
            {
                use = TokenUse.Of(reference, token);
            }
            catch (TokenSyntaxException e)
            {
                throw Error(i, e.Message);
            }

            if (use.IsStructural)
            {
                throw Error(i, $"{text} is a list or a set of pairs, which a URL cannot carry as such: write it as text ({use.Token.Token[..^1]}:text%) or use a token with one value.");
            }

            if (token.MemberOf is not null)
            {
                throw Error(i, $"{text} is a value of one IVR step, and a URL is one per call: use a token with one value.");
            }

            AddLiteral(i);
            parts.Add(new UrlPart(null, use, place));
            literalStart = reference.End + 1;
            return literalStart;
        }

        if (i + 2 < url.Length && char.IsAsciiHexDigit(url[i + 1]) && char.IsAsciiHexDigit(url[i + 2]))
        {
            return i + 3;
        }

        throw Error(i, TokenSyntax.TryRead(url, i, out var word)
            ? $"{url.Substring(word.Start, word.Length)} is not a token; see the list of data points (a literal % is written %25)."
            : "A '%' must begin a token or a %XX escape (a literal % is written %25).");
    }

    // Follows the parts of the URL: scheme "://" authority, then path, '?' query, '#' fragment.
    private void Advance(int i)
    {
        var c = url[i];
        switch (place)
        {
            case UrlPlace.Scheme when c == ':':
                place = UrlPlace.Authority;
                authorityStart = i + 3;
                break;
            case UrlPlace.Authority when i >= authorityStart && c is '/' or '?' or '#':
                place = c switch
                {
                    '/' => UrlPlace.Path,
                    '?' => UrlPlace.Query,
                    _ => UrlPlace.Fragment,
                };
                break;
            case UrlPlace.Path when c is '?' or '#':
                place = c == '?' ? UrlPlace.Query : UrlPlace.Fragment;
                break;
            case UrlPlace.Query when c == '#':
                place = UrlPlace.Fragment;
                break;
        }
    }

    // The URL starts with "scheme://"; a token that would be (part of) the scheme is named as such.
    private void CheckScheme()
    {
        var colon = url.IndexOf("://", StringComparison.Ordinal);
        if (colon > 0 && IsScheme(url.AsSpan(0, colon)))
        {
            return;
        }

        for (var i = 0; i < colon; i++)
        {
            if (url[i] == '%' && TokenSyntax.TryRead(url, i, out var reference) && TokenCatalog.TryGet(reference.Name, out _))
            {
                throw Error(i, $"{url.Substring(reference.Start, reference.Length)} stands in the scheme of the URL: the scheme, user info, host and port never come from a call. Tokens may stand in the path and the query.");
            }
        }

        throw Error(0, "The URL must be absolute, as in https://crm.example.com/leads?caller=%ani%.");
    }

    private static bool IsScheme(ReadOnlySpan<char> scheme)
    {
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private void AddLiteral(int end)
    {
        if (end > literalStart)
        {
            parts.Add(new UrlPart(url[literalStart..end], null, place));
        }
    }

    private static UrlTemplateException Error(int index, string reason) => new(reason, index + 1);
}
