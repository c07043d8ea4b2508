using System.Xml.Linq;
using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Core.Tokens;
using static Hookline.Core.Tests.Templates.Render;

namespace Hookline.Core.Tests.Templates;

public class XmlRenderTests
{
    [Fact]
    public void Render_WritesAnEmptyElementAndAttribute_ForCallEndTokensAtBegin()
    {
        var call = TestCalls.With(("dialed_time", "36"), ("dialstatus", "ANSWER"));
        Assert.Equal("<c d=\"\"><s /></c>", Text(TemplateType.Xml, "<c d='%dialed_time%'><s>%dialstatus%</s></c>", call, CallMoment.Begin));
        Assert.Equal("<c d=\"36\"><s>ANSWER</s></c>", Text(TemplateType.Xml, "<c d='%dialed_time%'><s>%dialstatus%</s></c>", call));
    }

    [Fact]
    public void Render_KeepsUnmappedTextAndAttributes_Escaped()
    {
        const string format = "<c a='x &amp; &quot;y&quot;'><n>a &lt; b</n><d><![CDATA[<raw> & ]]></d><e/></c>";
        Assert.Equal("<c a=\"x &amp; &quot;y&quot;\"><n>a &lt; b</n><d>&lt;raw&gt; &amp; </d><e /></c>", Text(TemplateType.Xml, format, ExampleCall.Call));
    }

    [Fact]
    public void Render_KeepsTheDeclarationProcessingInstructionsAndComments()
    {
        const string format = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\" standalone=\"yes\"?>\n<?adf version=\"1.0\"?>\n<!-- lead -->\n<adf><!-- inner --><id>%callid%</id></adf>\n<!-- end -->";
        var body = Text(TemplateType.Xml, format, TestCalls.With(("callid", "c1")));
        Assert.Equal("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?><?adf version=\"1.0\"?><!-- lead --><adf><!-- inner --><id>c1</id></adf><!-- end -->", body);
    }

    [Fact]
    public void Render_WritesNoDeclaration_WhenTheExampleHasNone() =>
        Assert.Equal("<a>1</a>", Text(TemplateType.Xml, "<a>%ani%</a>", TestCalls.With(("ani", "1"))));

    [Fact]
    public void Render_KeepsNamespacesAndPrefixes()
    {
        const string format = """<s:Envelope xmlns:s="urn:soap" xmlns="urn:crm"><s:Body><lead s:id="%callid%"><steps/></lead></s:Body></s:Envelope>""";
        var body = Text(TemplateType.Xml, format, TestCalls.WithSteps(1, ("callid", "c1")), map: Map(("s:Envelope/s:Body/lead/steps", "%prompt_responses%")));
        Assert.Equal(
            """<s:Envelope xmlns:s="urn:soap" xmlns="urn:crm"><s:Body><lead s:id="c1"><steps><prompt_response><question>q1</question><question_link>http://audio.example.com/1.wav</question_link><response>1</response></prompt_response></steps></lead></s:Body></s:Envelope>""",
            body);
        XNamespace crm = "urn:crm";
        Assert.Equal("q1", Xml(format, TestCalls.WithSteps(1), map: Map(("s:Envelope/s:Body/lead/steps", "%prompt_responses%"))).Descendants(crm + "question").Single().Value);
    }

    [Fact]
    public void Render_WritesPromptResponses_AsChildElements_AndNothingAtBegin()
    {
        var call = new CallData(new Dictionary<string, string>(), [new("one", null, "1")]);
        Assert.Equal(
            "<c><s><prompt_response><question>one</question><question_link /><response>1</response></prompt_response></s></c>",
            Text(TemplateType.Xml, "<c><s>%prompt_responses%</s></c>", call));
        Assert.Equal("<c><s /></c>", Text(TemplateType.Xml, "<c><s>%prompt_responses%</s></c>", call, CallMoment.Begin));
    }

    [Fact]
    public void Render_WritesTags_AsNamedElements_WhateverTheNames()
    {
        var call = TestCalls.WithTags(("Region", "south"), ("1 bad name", "a<b"), ("x\"&", "\u0001ok"));
        var tags = Xml("<c><tags/></c>", call, map: Map(("c/tags", "%tags%"))).Element("tags")!.Elements("tag").ToArray();
        Assert.Equal(["Region", "1 bad name", "x\"&"], tags.Select(t => t.Attribute("name")!.Value));
        Assert.Equal(["south", "a<b", "ok"], tags.Select(t => t.Value));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Render_RepeatsARepeatedElement_OncePerStep(int steps)
    {
        const string format = "<lead><id>%callid%</id><steps><step n='%response%'><q>%question%</q><c>%callid%</c></step><step n='2'><q>other</q></step></steps><end/></lead>";
        var lead = Xml(format, TestCalls.WithSteps(steps, ("callid", "c1")));
        var items = lead.Element("steps")!.Elements("step").ToArray();
        Assert.Equal(steps, items.Length);
        Assert.Equal(Enumerable.Range(1, steps).Select(i => $"{i}"), items.Select(s => s.Attribute("n")!.Value));
        Assert.Equal(Enumerable.Range(1, steps).Select(i => $"q{i}"), items.Select(s => s.Element("q")!.Value));
        Assert.All(items, s => Assert.Equal("c1", s.Element("c")!.Value));
        Assert.NotNull(lead.Element("end"));
    }

    [Fact]
    public void Render_RepeatsTheElementHoldingTheStepFields_WhenTheExampleShowsItOnce()
    {
        const string format = "<lead><steps><step><q>%question%</q><r>%response%</r></step></steps></lead>";
        Assert.Equal(
            "<lead><steps><step><q>q1</q><r>1</r></step><step><q>q2</q><r>2</r></step></steps></lead>",
            Text(TemplateType.Xml, format, TestCalls.WithSteps(2)));
        Assert.Equal("<lead><answer>1</answer><answer>2</answer></lead>", Text(TemplateType.Xml, "<lead><answer>%response%</answer></lead>", TestCalls.WithSteps(2)));
        Assert.Equal("<lead><steps /></lead>", Text(TemplateType.Xml, format, TestCalls.WithSteps(2), CallMoment.Begin));
    }

    [Fact]
    public void Render_KeepsEachRepeatedElement_WithItsOwnInlineTokens()
    {
        const string format = """<contact><name part="first">%ani_first_name%</name><name part="last">%ani_last_name%</name></contact>""";
        var call = TestCalls.With(("ani_first_name", "Freddy"), ("ani_last_name", "Krueger"));
        Assert.Equal("""<contact><name part="first">Freddy</name><name part="last">Krueger</name></contact>""", Text(TemplateType.Xml, format, call));
    }

    [Fact]
    public void Render_KeepsMixedContent()
    {
        Assert.Equal("<p>Call <b>x</b> now</p>", Text(TemplateType.Xml, "<p>Call <b>%ani%</b> now</p>", TestCalls.With(("ani", "x"))));
    }

    [Theory]
    [InlineData("quote \" apostrophe ' and <tag> & ]]> end")]
    [InlineData("line\nbreak\r\n\ttab\r")]
    [InlineData("emoji 😀 and José, 北京")]
    [InlineData("  spaces  ")]
    public void Render_WritesWellFormedXml_AndValuesRoundTrip(string hostile)
    {
        var call = TestCalls.With(("ani", hostile));
        var lead = Xml("<lead a='%ani%'><t>%ani%</t><s>[%ani%]</s></lead>", call);
        Assert.Equal(hostile, lead.Attribute("a")!.Value);
        Assert.Equal(hostile, lead.Element("t")!.Value);
        Assert.Equal($"[{hostile}]", lead.Element("s")!.Value);
    }

    [Theory]
    [InlineData("1e999")]
    [InlineData("-1e400")]
    [InlineData("36")]
    public void Render_WritesNumericText_AsItIs_SinceXmlHasNoTypes(string value) =>
        Assert.Equal($"<lead n=\"{value}\"><n>{value}</n></lead>", Text(TemplateType.Xml, "<lead n='0'><n>0</n></lead>", TestCalls.With(("ani", value)), map: Map(("lead/@n", "%ani%"), ("lead/n", "%ani%"))));

    [Fact]
    public void Render_DropsCharactersXmlCannotHold()
    {
        var call = TestCalls.With(("ani", "a\u0000b\u0001c\u000Bd\uFFFEe\uFFFFf\uD800g\uDC00h😀i\u0085j"));
        var lead = Xml("<lead a='%ani%'><t>%ani%</t></lead>", call);
        Assert.Equal("abcdefgh😀i\u0085j", lead.Attribute("a")!.Value);
        Assert.Equal("abcdefgh😀i\u0085j", lead.Element("t")!.Value);
    }
}
