using Hookline.Core.Templates;
using Hookline.Core.Tokens;
using static Hookline.Core.Tests.Templates.Render;

namespace Hookline.Core.Tests.Templates;

public class MappingTests
{
    private static Template Json(string format) => Template.Parse(TemplateType.Json, format);

    [Fact]
    public void Compile_Throws_ForAnUnknownPath()
    {
        var e = Assert.Throws<TemplateMappingException>(() => Json("""{"a": ""}""").Compile(Map(("b", "%ani%"))));
        Assert.Equal("b", e.Path);
        Assert.Contains("no field 'b'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%first_name%")]
    [InlineData("Call from %first_name%")]
    public void Compile_Throws_ForAnUnknownToken(string expression)
    {
        var e = Assert.Throws<TemplateMappingException>(() => Json("""{"a": ""}""").Compile(Map(("a", expression))));
        Assert.Equal("a", e.Path);
        Assert.Contains("%first_name% is not a token", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_AcceptsTheFieldsOwnInlineText_UnknownWordsAndAll()
    {
        var template = Json("""{"a": "%nope% %ani%"}""");
        Assert.Equal("%nope% %ani%", template.Compile(Map(("a", "%nope% %ani%"))).Fields[0].Token);
    }

    [Fact]
    public void Compile_Refuses_AMappingLongerThan2000Characters()
    {
        var text = "Call from %ani% " + new string('x', 2000 - 16 + 1);
        Assert.Equal(2001, text.Length);
        var e = Assert.Throws<TemplateMappingException>(() => Json("""{"a": ""}""").Compile(Map(("a", text))));
        Assert.Equal("a", e.Path);
        Assert.Contains("2,001 characters", e.Message, StringComparison.Ordinal);
        Assert.Contains("at most 2,000", e.Message, StringComparison.Ordinal);
        Assert.Throws<TemplateMappingException>(() => Json("""{"a": ""}""").Compile(Map(("a", new string(' ', 100_000)))));
    }

    [Fact]
    public void Compile_Accepts_AMappingOf2000Characters()
    {
        var text = "Call from %ani% " + new string('x', 2000 - 16);
        Assert.Equal(text, Json("""{"a": ""}""").Compile(Map(("a", text))).Fields[0].Token);
    }

    [Theory]
    [InlineData("%ani%\tx", "U+0009", 6)]
    [InlineData("Call from\n%ani%", "U+000A", 10)]
    [InlineData("%ani%\r", "U+000D", 6)]
    [InlineData("\u0000%ani%", "U+0000", 1)]
    [InlineData("a\u001Fb", "U+001F", 2)]
    [InlineData("a\u007Fb", "U+007F", 2)]
    [InlineData("a\u0085b", "U+0085", 2)]
    [InlineData("a\u009Fb", "U+009F", 2)]
    [InlineData("\t", "U+0009", 1)]
    [InlineData(" %ani%\n", "U+000A", 7)]
    public void Compile_Refuses_AMappingWithAControlCharacter_NamingItAndWhere(string text, string named, int at)
    {
        var e = Assert.Throws<TemplateMappingException>(() => Json("""{"a": ""}""").Compile(Map(("a", text))));
        Assert.Equal("a", e.Path);
        Assert.Contains($"control character {named} at character {at}", e.Message, StringComparison.Ordinal);
        Assert.Contains("one line", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_AcceptsText_ThatIsNoControl()
    {
        // Non-breaking and other Unicode spaces, format characters and U+2028 are text, not C0/C1 controls.
        const string text = "Call\u00A0from\u2003%ani%\u2028\u200Bend";
        Assert.Equal(text, Json("""{"a": ""}""").Compile(Map(("a", text))).Fields[0].Token);
    }

    [Fact]
    public void Compile_AcceptsBackTheFieldsOwnInlineText_EvenWithATab_OrLong()
    {
        var tabbed = Json("""{"a": "Call\tfrom %ani%"}""");
        Assert.Equal("Call\tfrom %ani%", tabbed.Compile(Map(("a", "Call\tfrom %ani%"))).Fields[0].Token);

        var inline = "%ani% " + new string('x', 3000);
        var template = Json($$"""{"a": "{{inline}}"}""");
        Assert.Equal(inline, template.Compile(Map(("a", inline))).Fields[0].Token);
        Assert.Throws<TemplateMappingException>(() => template.Compile(Map(("a", inline + "y"))));
    }

    [Fact]
    public void Compile_ExplicitMapping_OverridesTheInlineOne()
    {
        var compiled = Json("""{"phone": "%ani%", "name": ""}""").Compile(Map(("phone", "%tracking%"), ("name", "%ani_full_name%")));
        Assert.Equal([new TemplateField("phone", "%tracking%"), new TemplateField("name", "%ani_full_name%")], compiled.Fields);
        var body = Render.Json("""{"phone": "%ani%", "name": ""}""", ExampleCall.Call, map: Map(("phone", "%tracking%")));
        Assert.Equal("7774839229", body.GetProperty("phone").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Compile_NullOrEmpty_Unmaps_AndTheExampleTextStays(string? expression)
    {
        var compiled = Json("""{"phone": "%ani%"}""").Compile(Map(("phone", expression)));
        Assert.Null(compiled.Fields[0].Token);
        Assert.Equal("%ani%", Render.Json("""{"phone": "%ani%"}""", ExampleCall.Call, map: Map(("phone", expression))).GetProperty("phone").GetString());
    }

    [Fact]
    public void Compile_TrimsTheExpression_AndCanonicalisesAToken() =>
        Assert.Equal("%ani%", Json("""{"a": ""}""").Compile(Map(("a", " %ANI% "))).Fields[0].Token);

    [Fact]
    public void Compile_LeavesTheTemplateAsItWas()
    {
        var template = Json("""{"a": "%ani%"}""");
        template.Compile(Map(("a", "%tracking%")));
        Assert.Equal("%ani%", template.Fields[0].Token);
        Assert.Equal("%ani%", template.Compile(Map()).Fields[0].Token);
    }

    [Theory]
    [InlineData("%question%")]
    [InlineData("Pressed %response%")]
    public void Compile_Throws_ForAStepMemberOutsideAnArray(string expression)
    {
        var e = Assert.Throws<TemplateMappingException>(() => Json("""{"q": ""}""").Compile(Map(("q", expression))));
        Assert.Equal("q", e.Path);
        Assert.Contains("inside an array element", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_Throws_ForAStepMemberOnTheXmlRoot()
    {
        var template = Template.Parse(TemplateType.Xml, "<lead><q/><r/></lead>");
        var e = Assert.Throws<TemplateMappingException>(() => template.Compile(Map(("lead/q", "%question%"), ("lead/r", "%response%"))));
        Assert.Contains("below the root", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Tags: %tags%")]
    [InlineData("%prompt_responses% ")]
    public void Compile_Throws_ForANestedTokenInsideText(string expression)
    {
        var e = Assert.Throws<TemplateMappingException>(() => Json("""{"a": ""}""").Compile(Map(("a", expression + "x"))));
        Assert.Contains("not inside text", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%tags%")]
    [InlineData("%prompt_responses%")]
    public void Compile_Throws_ForANestedTokenOnAnXmlAttribute(string token)
    {
        var template = Template.Parse(TemplateType.Xml, "<lead a=''/>");
        var e = Assert.Throws<TemplateMappingException>(() => template.Compile(Map(("lead/@a", token))));
        Assert.Equal("lead/@a", e.Path);
        Assert.Contains("cannot be mapped to an attribute", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Refuses_AnInlineStepMemberOutsideAnArray_AtItsPlace()
    {
        var e = Assert.Throws<TemplateFormatException>(() => Json("{\n  \"q\": \"%question%\"\n}"));
        Assert.Equal((2, 8), (e.Line, e.Column));
        Assert.Contains("%question% is a value of one IVR step", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Refuses_AnInlineNestedTokenInsideText_AtItsPlace()
    {
        var e = Assert.Throws<TemplateFormatException>(() => Template.Parse(TemplateType.Xml, "<lead>\n<t>Tags: %tags%</t></lead>"));
        Assert.Equal((2, 4), (e.Line, e.Column));
    }

    [Fact]
    public void CompiledTemplate_ReportsTheEffectiveMappingOfEveryField()
    {
        var compiled = Json("""{"a": "%ani%", "b": "", "c": "%tracking%"}""").Compile(Map(("b", "Hi %ani_first_name%"), ("c", null)));
        Assert.Equal([new TemplateField("a", "%ani%"), new TemplateField("b", "Hi %ani_first_name%"), new TemplateField("c", null)], compiled.Fields);
        Assert.Equal("application/json", compiled.ContentType);
    }

    [Fact]
    public void Tokens_AreTheOnesTheBodyUses_InlineAndMapped_EachOnce()
    {
        var template = Json("""{"a": "%ani%", "b": "Call from %ani_first_name:map(x=y)|someone% (%ani%)", "c": "%tracking%", "d": "", "t": "%tags%", "s": [{"q": "%question%"}]}""");
        Assert.Equal(["ani", "ani_first_name", "tracking", "tags", "question"], template.Compile(Map()).Tokens.Select(t => t.Key));
        Assert.Equal(["ani", "ani_first_name", "event", "tags", "question"], template.Compile(Map(("c", null), ("d", "%event%"))).Tokens.Select(t => t.Key));
    }
}
