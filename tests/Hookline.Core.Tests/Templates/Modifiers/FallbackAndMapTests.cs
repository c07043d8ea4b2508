using System.Text.Json;
using System.Xml.Linq;
using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Core.Tokens;
using static Hookline.Core.Tests.Templates.Render;

namespace Hookline.Core.Tests.Templates.Modifiers;

public class FallbackAndMapTests
{
    [Fact]
    public void AFallback_IsWritten_WhenTheTokenHasNoValue_OrAnEmptyOne()
    {
        const string format = """{"c": "%campaign_name|none%", "d": "%dialed_time|unknown%", "s": "Campaign: %campaign_name|none%"}""";
        var begin = Json(format, TestCalls.With(("campaign_name", ""), ("dialed_time", "36")), CallMoment.Begin);
        Assert.Equal(("none", "unknown", "Campaign: none"), (begin.GetProperty("c").GetString(), begin.GetProperty("d").GetString(), begin.GetProperty("s").GetString()));
        var end = Json(format, TestCalls.With(("campaign_name", "Sales"), ("dialed_time", "36")));
        Assert.Equal(("Sales", "36", "Campaign: Sales"), (end.GetProperty("c").GetString(), end.GetProperty("d").GetString(), end.GetProperty("s").GetString()));
    }

    [Fact]
    public void AFallbackInANumberField_IsTypedByTheNumberRule()
    {
        var body = Json("""{"a": 0, "b": 0, "c": true}""", TestCalls.With(), map: Map(("a", "%dialed_time|0%"), ("b", "%dialed_time|n/a%"), ("c", "%ani_is_valid|false%")));
        Assert.Equal(0, body.GetProperty("a").GetInt32());
        Assert.Equal("n/a", body.GetProperty("b").GetString());
        Assert.False(body.GetProperty("c").GetBoolean());
    }

    [Fact]
    public void ModifierThenFallback_TheFallbackWrittenAsItIs()
    {
        var format = """{"d": "%call_start_time:date|unknown%", "p": "%ani:e164|anonymous%"}""";
        var none = Json(format, TestCalls.With());
        Assert.Equal(("unknown", "anonymous"), (none.GetProperty("d").GetString(), none.GetProperty("p").GetString()));
        var some = Json(format, ExampleCall.Call);
        Assert.Equal(("2019-03-28", "+17776734736"), (some.GetProperty("d").GetString(), some.GetProperty("p").GetString()));
        Assert.Equal(["%call_start_time:date|unknown%", "%ani:e164|anonymous%"], Template.Parse(TemplateType.Json, format).Fields.Select(f => f.Token!));
    }

    [Fact]
    public void AFallback_MayHoldColonsQuotesAndSpaces()
    {
        var body = Json("""{"a": "%ani|n/a: 'none' here%", "b": "%call_start_time:'HH|mm'|at: noon%"}""", TestCalls.With());
        Assert.Equal("n/a: 'none' here", body.GetProperty("a").GetString());
        Assert.Equal("at: noon", body.GetProperty("b").GetString());
        Assert.Equal("00|05", Json("""{"b": "%call_start_time:'HH|mm'|at: noon%"}""", ExampleCall.Call).GetProperty("b").GetString());
    }

    [Fact]
    public void AMap_WritesListedValuesAsTheirCounterparts_AndOthersAsStarOrAsGiven()
    {
        const string format = """{"t": "%ani_line_type:map(Mobile=cellphone;*=voice)|voice%", "u": "%ani_line_type:map(Mobile = cell ; Landline = home)%"}""";
        foreach (var (type, t, u) in new[] { ("Mobile", "cellphone", "cell"), ("Landline", "voice", "home"), ("mobile", "voice", "mobile"), ("TollFree", "voice", "TollFree") })
        {
            var body = Json(format, TestCalls.With(("ani_line_type", type)));
            Assert.Equal((t, u), (body.GetProperty("t").GetString(), body.GetProperty("u").GetString()));
        }

        var none = Json(format, TestCalls.With());
        Assert.Equal("voice", none.GetProperty("t").GetString());
        Assert.Equal(JsonValueKind.Null, none.GetProperty("u").ValueKind);
        Assert.Equal("%ani_line_type:map(Mobile=cell;Landline=home)%", Template.Parse(TemplateType.Json, format).Fields[1].Token);
    }

    [Fact]
    public void Text_WritesANestedTokenAsOneLine_InTextAndAttributes()
    {
        var call = new CallData(new Dictionary<string, string>(), [new("one", null, "1"), new("two", null, "3"), new(null, null, "9")],
            new Dictionary<string, string> { ["Region"] = "south", ["Tier"] = "2" });
        var xml = Xml("""<c ivr="%prompt_responses:text%">Tags: %tags:text|none%</c>""", call);
        Assert.Equal("one: 1, two: 3, 9", xml.Attribute("ivr")!.Value);
        Assert.Equal("Tags: Region: south, Tier: 2", xml.Value);
        var begin = Xml("""<c ivr="%prompt_responses:text|none%">Tags: %tags:text|none%</c>""", TestCalls.With(), CallMoment.Begin);
        Assert.Equal(("none", "Tags: none"), (begin.Attribute("ivr")!.Value, begin.Value));
        var json = Json("""{"p": "%prompt_responses:text%"}""", call, CallMoment.Begin);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("p").ValueKind);
    }

    [Fact]
    public void Modifiers_WorkInForms_AndInXml()
    {
        var form = Text(TemplateType.Form, "p=%ani:national%&d=%call_start_time:'MM/dd/yyyy'%&c=%campaign_name|no+campaign%&s=%prompt_responses:text%", ExampleCall.Call);
        Assert.Equal("p=%28777%29+673-4736&d=03%2F28%2F2019&c=Sales+Campaign&s=one%3A+1%2C+two%3A+3", form);
        Assert.Equal("c=no+campaign", Text(TemplateType.Form, "c=%campaign_name|no campaign%", TestCalls.With()));
        var xml = XElement.Parse(Text(TemplateType.Xml, """<p type="%ani_line_type:map(Mobile=cellphone;*=voice)%">%ani:e164%</p>""", ExampleCall.Call));
        Assert.Equal(("cellphone", "+17776734736"), (xml.Attribute("type")!.Value, xml.Value));
    }
}
