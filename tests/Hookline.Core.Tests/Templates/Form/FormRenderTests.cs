using System.Text;
using System.Web;
using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Core.Tokens;

namespace Hookline.Core.Tests.Templates.Form;

public class FormRenderTests
{
    private static string Render(string format, CallData call, CallMoment at = CallMoment.End, Dictionary<string, string?>? map = null) =>
        Templates.Render.Text(TemplateType.Form, format, call, at, map);

    [Fact]
    public void Render_WritesEachValuePercentEncoded()
    {
        var call = TestCalls.With(("ani", "+1 (777) 673-4736"), ("ani_first_name", "José & Ana"), ("ani_last_name", "50%=half"));
        Assert.Equal(
            "first=Jos%C3%A9+%26+Ana&last=50%25%3Dhalf&phone=%2B1+%28777%29+673-4736&note=Call+from+Jos%C3%A9+%26+Ana",
            Render("first=%ani_first_name%&last=%ani_last_name%&phone=%ani%&note=Call+from+%ani_first_name%", call));
    }

    [Fact]
    public void Render_KeepsUnmappedLiterals_ReEncoded()
    {
        Assert.Equal("source=Hookline+Calls&empty=&flag=&caf%C3%A9=%7E1", Render("source=Hookline Calls&empty=&flag&caf%c3%a9=~1", TestCalls.With()));
    }

    [Fact]
    public void Render_WritesATokenWithoutValue_AsAnEmptyValue()
    {
        Assert.Equal("phone=&duration=", Render("phone=%ani%&duration=%dialed_time%", TestCalls.With(("dialed_time", "36")), CallMoment.Begin));
    }

    [Fact]
    public void Render_AppliesMappings_OverTheInlineTokens()
    {
        var body = Render("first=&phone=%ani%", TestCalls.With(("ani", "7776734736"), ("ani_first_name", "Freddy")),
            map: Templates.Render.Map(("first", "Mr %ani_first_name%"), ("phone", null)));
        Assert.Equal("first=Mr+Freddy&phone=%25ani%25", body);
    }

    [Fact]
    public void Render_FlattensTags_AsKeyBracketName()
    {
        var call = TestCalls.WithTags(("Region", "south"), ("Sales Team", "A&B"));
        Assert.Equal("a=1&tags%5BRegion%5D=south&tags%5BSales+Team%5D=A%26B&b=2", Render("a=1&tags=%tags%&b=2", call));
        var decoded = HttpUtility.ParseQueryString(Render("a=1&tags=%tags%&b=2", call));
        Assert.Equal(["a", "tags[Region]", "tags[Sales Team]", "b"], decoded.AllKeys.Select(k => k!));
        Assert.Equal("A&B", decoded["tags[Sales Team]"]);
    }

    [Fact]
    public void Render_FlattensIvrSteps_AsKeyIndexMember()
    {
        var call = new CallData(new Dictionary<string, string>(), [new("one", "http://a/1.wav", "1"), new("two", null, "3")]);
        var decoded = HttpUtility.ParseQueryString(Render("steps=%prompt_responses%", call));
        Assert.Equal(
            ["steps[0][question]", "steps[0][question_link]", "steps[0][response]", "steps[1][question]", "steps[1][question_link]", "steps[1][response]"],
            decoded.AllKeys.Select(k => k!));
        Assert.Equal(["one", "http://a/1.wav", "1", "two", "", "3"], decoded.AllKeys.Select(k => decoded[k]));
    }

    [Fact]
    public void Render_WritesNoPair_ForANestedTokenWithNothingInIt()
    {
        Assert.Equal("a=1", Render("tags=%tags%&a=1&steps=%prompt_responses%", TestCalls.With(), CallMoment.End));
        Assert.Equal("tags%5BRegion%5D=south&a=1", Render("tags=%tags%&a=1&steps=%prompt_responses%", ExampleCall.Call, CallMoment.Begin));
    }

    [Fact]
    public void Render_SendsALoneSurrogate_AsTheReplacementCharacter()
    {
        Assert.Equal("a=x%EF%BF%BDy", Render("a=%ani%", TestCalls.With(("ani", "x\uD800y"))));
    }

    [Fact]
    public void Render_IntoABuffer_WritesTheSameBytes()
    {
        var compiled = Template.Parse(TemplateType.Form, "a=%ani%&b=%tags%").Compile(new Dictionary<string, string?>());
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1);
        compiled.Render(ExampleCall.Call, CallMoment.End, buffer);
        Assert.Equal(compiled.Render(ExampleCall.Call, CallMoment.End), buffer.WrittenSpan.ToArray());
        Assert.Equal("a=7776734736&b%5BRegion%5D=south", Encoding.ASCII.GetString(buffer.WrittenSpan));
    }
}
