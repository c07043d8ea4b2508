using Hookline.Core.Calls;
using Hookline.Core.Tokens;
using Hookline.Core.Urls;

namespace Hookline.Core.Tests.Urls;

public class UrlTemplateTests
{
    private static string Render(string url, CallData call, CallMoment at = CallMoment.End) => UrlTemplate.Parse(url).Render(call, at);

    private static UrlTemplateException Refused(string url) => Assert.Throws<UrlTemplateException>(() => UrlTemplate.Parse(url));

    [Fact]
    public void Render_ReplacesTokensInThePathAndQuery_EachValueEncoded()
    {
        var call = TestCalls.With(("ani", "+1 777 673 4736"), ("campaign_name", "Sales & Service/2026?"), ("callid", "a/b"));
        Assert.Equal(
            "https://crm.example.com/calls/a%2Fb/pixel?caller=%2B1%20777%20673%204736&c=Sales%20%26%20Service%2F2026%3F",
            Render("https://crm.example.com/calls/%callid%/pixel?caller=%ani%&c=%campaign_name%", call));
    }

    [Fact]
    public void Render_WritesNonAsciiAsUtf8_AndKeepsUnreservedCharacters()
    {
        Assert.Equal("https://x.example/p?n=Jos%C3%A9%20%F0%9F%98%80&u=a-b.c_d~e",
            Render("https://x.example/p?n=%ani_first_name%&u=%ani_last_name%", TestCalls.With(("ani_first_name", "José 😀"), ("ani_last_name", "a-b.c_d~e"))));
    }

    [Fact]
    public void Render_LeavesTheLiteralPartsAsWritten_EscapesIncluded()
    {
        Assert.Equal("https://x.example/caf%C3%A9?a=%20&b=7776734736#top",
            Render("https://x.example/caf%C3%A9?a=%20&b=%ani%#top", ExampleCall.Call));
    }

    [Fact]
    public void Render_WritesATokenWithoutValue_AsNothing()
    {
        Assert.Equal("https://x.example/p?d=&a=7776734736", Render("https://x.example/p?d=%dialed_time%&a=%ani%", ExampleCall.Call, CallMoment.Begin));
    }

    [Fact]
    public void Parse_ReadsTokensCaseInsensitively_AndKnowsThem()
    {
        var url = UrlTemplate.Parse("https://x.example/%CALLID%?a=%ani%&b=%ani%");
        Assert.Equal(["callid", "ani"], url.Tokens.Select(t => t.Key));
        Assert.True(url.HasTokens);
        Assert.False(UrlTemplate.Parse("https://x.example/p?a=1").HasTokens);
        Assert.Equal("https://x.example/p?a=1", UrlTemplate.Parse("https://x.example/p?a=1").Render(ExampleCall.Call, CallMoment.End));
    }

    [Theory]
    [InlineData("https://%ani%.example.com/p", 9, "stands in the host")]
    [InlineData("https://crm.example.com:%ani%/p", 25, "stands in the host")]
    [InlineData("https://user:%ani%@crm.example.com/p", 14, "stands in the host")]
    [InlineData("https://%ani%@crm.example.com/p", 9, "stands in the host")]
    [InlineData("https://crm.%tracking%.example.com", 13, "stands in the host")]
    [InlineData("%ani%://crm.example.com/", 1, "stands in the scheme")]
    [InlineData("https://crm.example.com/p#%ani%", 27, "fragment")]
    [InlineData("https://crm.example.com/p?a=%first_name%", 29, "%first_name% is not a token")]
    [InlineData("https://crm.example.com/p?a=50%", 31, "a %XX escape")]
    [InlineData("https://crm.example.com/p?a=%zz", 29, "a %XX escape")]
    [InlineData("https://crm.example.com/p?a=%tags%", 29, "list or a set of pairs")]
    [InlineData("https://crm.example.com/p?a=%prompt_responses%", 29, "list or a set of pairs")]
    [InlineData("https://crm.example.com/p?a=%response%", 29, "one IVR step")]
    [InlineData("https://crm.example.com/p?a=b c", 30, "space")]
    [InlineData("https://crm.example.com/p?a=\n", 29, "U+000A")]
    [InlineData("crm.example.com/p?a=%ani%", 1, "must be absolute")]
    [InlineData("/p?a=%ani%", 1, "must be absolute")]
    [InlineData("1https://crm.example.com/", 1, "must be absolute")]
    [InlineData("mailto:x@example.com", 1, "must be absolute")]
    [InlineData("", 1, "must be absolute")]
    public void Parse_Refuses_WithTheCharacterWhereItGoesWrong(string url, int position, string reason)
    {
        var e = Refused(url);
        Assert.Equal(position, e.Position);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"character {position}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FollowsTheUrlsPartsByItsLiteralText_NotByWhatTokensHold()
    {
        // A host that is an IPv6 literal, a port, user info and a '?' in the path part of the query all read right.
        Assert.Equal("https://[::1]:8443/a/7776734736?x=?y&z=7776734736",
            Render("https://[::1]:8443/a/%ani%?x=?y&z=%ani%", ExampleCall.Call));
        Assert.Equal("http://u:p@h/7776734736", Render("http://u:p@h/%ani%", ExampleCall.Call));
        Assert.Equal("https://h?q=7776734736", Render("https://h?q=%ani%", ExampleCall.Call));
    }

    [Theory]
    [InlineData(".", "https://x.example/a/%2E/b?q=.")]
    [InlineData("..", "https://x.example/a/%2E%2E/b?q=..")]
    [InlineData("...", "https://x.example/a/.../b?q=...")]
    public void Render_EncodesTheDots_OfAValueThatWouldBeADotSegment(string value, string expected) =>
        Assert.Equal(expected, Render("https://x.example/a/%ani%/b?q=%ani%", TestCalls.With(("ani", value))));

    [Fact]
    public void Render_AppliesModifiersAndFallbacks_InTheUrlsTimeZone()
    {
        Assert.True(Hookline.Core.Templates.TemplateTimeZone.TryFind("America/New_York", out var zone, out _));
        var url = UrlTemplate.Parse("https://x.example/%call_start_time:date%/p?c=%ani:e164%&k=%campaign_name|no campaign%&t=%call_start_time:'hh:mm tt'%&i=%prompt_responses:text%", zone);
        Assert.Equal("https://x.example/2019-03-27/p?c=%2B17776734736&k=Sales%20Campaign&t=08%3A05%20PM&i=one%3A%201%2C%20two%3A%203", url.Render(ExampleCall.Call, CallMoment.End));
        Assert.Equal("https://x.example//p?c=&k=no%20campaign&t=&i=", url.Render(TestCalls.With(), CallMoment.End));
    }
}
