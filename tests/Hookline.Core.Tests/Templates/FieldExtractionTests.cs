using Hookline.Core.Templates;

namespace Hookline.Core.Tests.Templates;

public class FieldExtractionTests
{
    private static string[] Paths(TemplateType type, string format) =>
        [.. Template.Parse(type, format).Fields.Select(f => f.Path)];

    [Fact]
    public void Fields_JoinJsonMembersWithDots_AndArrayElementsWithBrackets()
    {
        const string format = """
            {"lead": {"first": "", "last": "", "phones": [{"number": "", "type": "mobile"}]}, "source": "web"}
            """;
        Assert.Equal(["lead.first", "lead.last", "lead.phones[].number", "lead.phones[].type", "source"], Paths(TemplateType.Json, format));
    }

    [Fact]
    public void Fields_FoldRepeatedArrayElements_InDocumentOrder()
    {
        const string format = """
            {"phones": [{"number": "1", "type": "home"}, {"number": "2", "type": "work", "ext": 12}], "after": true}
            """;
        Assert.Equal(["phones[].number", "phones[].type", "phones[].ext", "after"], Paths(TemplateType.Json, format));
    }

    [Fact]
    public void Fields_OfATopLevelArray_StartWithBrackets() =>
        Assert.Equal(["[].a", "[].b[]", "[].c[][]"], Paths(TemplateType.Json, """[{"a": 1, "b": ["x", "y"], "c": [[1], [2, 3]]}]"""));

    [Fact]
    public void Fields_IncludeEveryScalarKind_AndEmptyObjectsAndArrays()
    {
        const string format = """{"s": "", "n": 0, "b": false, "z": null, "steps": [], "tags": {}}""";
        Assert.Equal(["s", "n", "b", "z", "steps", "tags"], Paths(TemplateType.Json, format));
    }

    [Fact]
    public void Fields_JoinXmlElementsWithSlashes_AndAttributesWithAt()
    {
        const string format = """
            <adf><prospect><customer><contact>
              <name part="first">x</name>
              <name part="last">y</name>
              <phone type="voice">1</phone>
            </contact></customer></prospect></adf>
            """;
        Assert.Equal(
            [
                "adf/prospect/customer/contact/name/@part",
                "adf/prospect/customer/contact/name",
                "adf/prospect/customer/contact/phone/@type",
                "adf/prospect/customer/contact/phone",
            ],
            Paths(TemplateType.Xml, format));
    }

    [Fact]
    public void Fields_OfXml_KeepPrefixes_AndLeaveOutNamespaceDeclarations()
    {
        const string format = """
            <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:crm">
              <s:Body><lead xml:lang="en" id="7"><name/></lead></s:Body>
            </s:Envelope>
            """;
        Assert.Equal(["s:Envelope/s:Body/lead/@xml:lang", "s:Envelope/s:Body/lead/@id", "s:Envelope/s:Body/lead/name"], Paths(TemplateType.Xml, format));
    }

    [Fact]
    public void Fields_OfXml_TakeEmptyElements_ButNotMixedContent()
    {
        const string format = "<lead><steps/><note>Call <b>now</b></note><empty></empty></lead>";
        Assert.Equal(["lead/steps", "lead/note/b", "lead/empty"], Paths(TemplateType.Xml, format));
    }

    [Fact]
    public void Fields_FoldRepeatedXmlElements_AcrossParents()
    {
        const string format = "<r><g><i a='1'>x</i><i a='2' b='3'>y</i></g><g><i>z</i></g></r>";
        Assert.Equal(["r/g/i/@a", "r/g/i", "r/g/i/@b"], Paths(TemplateType.Xml, format));
    }

    [Fact]
    public void InlineToken_ExactlyAToken_MapsTheField()
    {
        var template = Template.Parse(TemplateType.Json, """{"phone": "%ani%", "Phone": "%ANI%", "first": "Freddy"}""");
        Assert.Equal([new TemplateField("phone", "%ani%"), new TemplateField("Phone", "%ani%"), new TemplateField("first", null)], template.Fields);
        Assert.Empty(template.UnknownTokens);
    }

    [Fact]
    public void InlineToken_InsideText_MakesACompositeField()
    {
        var template = Template.Parse(TemplateType.Xml, """<lead subject="Call from %ani_first_name% %ani_last_name%">%tracking% </lead>""");
        Assert.Equal(
            [new TemplateField("lead/@subject", "Call from %ani_first_name% %ani_last_name%"), new TemplateField("lead", "%tracking% ")],
            template.Fields);
    }

    [Fact]
    public void UnknownTokens_AreReported_AndLeaveTheFieldUnmapped()
    {
        var template = Template.Parse(TemplateType.Json, """{"a": "%first_name%", "b": "Hi %nope% and %ani%", "c": "%nope%", "d": "50% off, 20%"}""");
        Assert.Equal(["%first_name%", "%nope%"], template.UnknownTokens);
        Assert.Equal([null, "Hi %nope% and %ani%", null, null], template.Fields.Select(f => f.Token));
    }

    [Fact]
    public void InlineToken_AfterAnUnknownWord_IsStillFound()
    {
        var template = Template.Parse(TemplateType.Json, """{"a": "%foo%ani%"}""");
        Assert.Equal("%foo%ani%", template.Fields[0].Token);
        Assert.Equal(["%foo%"], template.UnknownTokens);
    }

    [Fact]
    public void InlineToken_OfAFoldedField_IsTheFirstOccurrencesOne()
    {
        var template = Template.Parse(TemplateType.Xml, """<c><name part="first">%ani_first_name%</name><name part="last">%ani_last_name%</name></c>""");
        Assert.Equal([new TemplateField("c/name/@part", null), new TemplateField("c/name", "%ani_first_name%")], template.Fields);
    }

    [Fact]
    public void InlineTokens_AreNotReadFromNamesOrNumbers()
    {
        var template = Template.Parse(TemplateType.Json, """{"%ani%": 1, "b": 2}""");
        Assert.All(template.Fields, f => Assert.Null(f.Token));
        Assert.Equal(["%ani%", "b"], template.Fields.Select(f => f.Path));
    }
}
