using Hookline.Core.Templates;
using Hookline.Core.Tokens;
using static Hookline.Core.Tests.Templates.Render;

namespace Hookline.Core.Tests.Templates;

/// <summary>JSON member names that hold the path syntax are escaped, so that every leaf has a path of its own.</summary>
public class FieldPathTests
{
    private static Template Parse(string format) => Template.Parse(TemplateType.Json, format);

    [Fact]
    public void Paths_EscapeADotInAMemberName_SoItDiffersFromANestedMember()
    {
        var template = Parse("""{"a.b": "%ani%", "a": {"b": "%callid%"}}""");
        Assert.Equal([new TemplateField(@"a\.b", "%ani%"), new TemplateField("a.b", "%callid%")], template.Fields);
    }

    [Fact]
    public void Paths_EscapeBracketsInAMemberName_SoItDiffersFromAnArray()
    {
        var template = Parse("""{"x[]": 1, "x": [2], "y]": 3}""");
        Assert.Equal([@"x\[\]", "x[]", @"y\]"], template.Fields.Select(f => f.Path));
    }

    [Fact]
    public void Paths_EscapeABackslashInAMemberName()
    {
        // The members are a\ (holding b) and a\.b.
        var template = Parse("""{"a\\": {"b": 1}, "a\\.b": 2}""");
        Assert.Equal([@"a\\.b", @"a\\\.b"], template.Fields.Select(f => f.Path));
    }

    [Fact]
    public void Paths_OfAnEmptyMemberName_AtTheRoot_DoNotMeetItsSiblings()
    {
        var template = Parse("""{"": {"x": 1}, "x": 2, "y": {"": 3}}""");
        Assert.Equal([".x", "x", "y."], template.Fields.Select(f => f.Path));
    }

    [Fact]
    public void Paths_LeaveOrdinaryNamesAsTheyAre()
    {
        var template = Parse("""{"lead": {"e-mail": "", "first name": "", "a=b": "", "%ani%": "", "é/@x": ""}}""");
        Assert.Equal(["lead.e-mail", "lead.first name", "lead.a=b", "lead.%ani%", "lead.é/@x"], template.Fields.Select(f => f.Path));
    }

    [Fact]
    public void Mapping_ByEscapedPath_ChangesOnlyThatLeaf()
    {
        const string format = """{"a.b": "%ani%", "a": {"b": "%callid%"}}""";
        var body = Json(format, ExampleCall.Call, map: Map((@"a\.b", "%tracking%")));
        Assert.Equal("7774839229", body.GetProperty("a.b").GetString());
        Assert.Equal(ExampleCall.Call.Values["callid"], body.GetProperty("a").GetProperty("b").GetString());

        body = Json(format, ExampleCall.Call, map: Map(("a.b", "%tracking%")));
        Assert.Equal(ExampleCall.Call.Values["ani"], body.GetProperty("a.b").GetString());
        Assert.Equal("7774839229", body.GetProperty("a").GetProperty("b").GetString());
    }

    [Fact]
    public void Mapping_ByUnescapedPath_ThatNamesNoField_IsAnUnknownPath_ThatShowsTheEscapedOne()
    {
        var e = Assert.Throws<TemplateMappingException>(() => Parse("""{"lead": {"x.y": ""}}""").Compile(Map(("lead.x.y", "%ani%"))));
        Assert.Equal("lead.x.y", e.Path);
        Assert.Contains("no field 'lead.x.y'", e.Message, StringComparison.Ordinal);
        Assert.Contains(@"'lead.x\.y'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_WithEscapes_StillFoldRepeatedElements_InDocumentOrder()
    {
        var template = Parse("""{"items": [{"a.b": 1, "c": 2}, {"d[]": 3, "a.b": 4}], "a": {"b": 5}}""");
        Assert.Equal([@"items[].a\.b", "items[].c", @"items[].d\[\]", "a.b"], template.Fields.Select(f => f.Path));
    }

    [Fact]
    public void Paths_OfXml_NeedNoEscape_SinceNamesHoldNeitherSlashNorAt()
    {
        var template = Template.Parse(TemplateType.Xml, """<a.b c.d="1" e-f="2"><g.h>x</g.h><a.b_c>y</a.b_c></a.b>""");
        Assert.Equal(["a.b/@c.d", "a.b/@e-f", "a.b/g.h", "a.b/a.b_c"], template.Fields.Select(f => f.Path));
        Assert.Throws<TemplateFormatException>(() => Template.Parse(TemplateType.Xml, "<a><b/c>x</b/c></a>"));
        Assert.Throws<TemplateFormatException>(() => Template.Parse(TemplateType.Xml, "<a><@b>x</@b></a>"));
        Assert.Throws<TemplateFormatException>(() => Template.Parse(TemplateType.Xml, "<a b@c='1'/>"));
    }
}
