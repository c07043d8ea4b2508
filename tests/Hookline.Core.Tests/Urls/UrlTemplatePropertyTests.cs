using CsCheck;
using Hookline.Core.Calls;
using Hookline.Core.Urls;
using Microsoft.AspNetCore.WebUtilities;

namespace Hookline.Core.Tests.Urls;

/// <summary>Arbitrary values rendered into a path segment and a query value decode back to exactly those values.</summary>
public class UrlTemplatePropertyTests
{
    private static readonly Gen<string> Piece = Gen.OneOf<string>(
        Gen.Char[' ', '~'].Select(c => c.ToString()),
        Gen.Char['\0', '\u001F'].Select(c => c.ToString()),
        Gen.Char['\u007F', '\uD7FF'].Select(c => c.ToString()),
        Gen.Char['\uE000', '\uFFFF'].Select(c => c.ToString()),
        Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32),
        Gen.OneOf("/", "?", "#", "&", "=", "+", "%", "%20", " ", ";", ".", "..", "[", "]", "@", ":", "é"));

    private static readonly Gen<string> Text = Piece.Array[0, 12].Select(string.Concat);

    private static readonly UrlTemplate Url = UrlTemplate.Parse("https://crm.example.com/calls/%ani%/x?first=%ani_first_name%&last=%ani_last_name%");

    [Fact]
    public void Render_DecodesBackExactly_InThePathAndTheQuery() => Gen.Select(Text, Text, Text).Sample((ani, first, last) =>
    {
        var rendered = Url.Render(TestCalls.With(("ani", ani), ("ani_first_name", first), ("ani_last_name", last)), CallMoment.End);
        var uri = new Uri(rendered);
        Assert.Equal("crm.example.com", uri.Host);
        var segments = uri.AbsolutePath.Split('/');
        if (ani is "." or "..")
        {
            // Written as %2E, which Uri (per RFC 3986's normalization) still removes as a dot segment.
            Assert.Contains(ani.Length == 1 ? "/calls/%2E/x?" : "/calls/%2E%2E/x?", rendered, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(["", "calls", segments[2], "x"], segments);
            Assert.Equal(ani, Uri.UnescapeDataString(segments[2]));
        }

        Assert.Equal("", uri.Fragment);
        var query = QueryHelpers.ParseQuery(uri.Query);
        Assert.Equal(["first", "last"], query.Keys);
        Assert.Equal(first, query["first"].ToString());
        Assert.Equal(last, query["last"].ToString());
        var form = System.Web.HttpUtility.ParseQueryString(uri.Query);
        Assert.Equal(first, form["first"]);
        Assert.Equal(last, form["last"]);
    }, iter: 2000);
}
