using Hookline.Core.Templates;

namespace Hookline.Core.Tests.Templates;

public class XmlParseTests
{
    private static TemplateFormatException Refused(string format) =>
        Assert.Throws<TemplateFormatException>(() => Template.Parse(TemplateType.Xml, format));

    [Theory]
    [InlineData("<lead>\n  <first>x</last>\n</lead>", 2, 13)]
    [InlineData("<lead><a></lead>", 1, 12)]
    [InlineData("<lead a=\"1\" a=\"2\"/>", 1, 13)]
    [InlineData("<lead>&nope;</lead>", 1, 8)]
    [InlineData("<p:lead/>", 1, 2)]
    [InlineData("<a/><b/>", 1, 6)]
    [InlineData("<lead>&#1;</lead>", 1, 9)]
    public void Parse_Refuses_MalformedXml_WithLineAndColumn(string format, int line, int column)
    {
        var e = Refused(format);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains($"line {line}, column {column}", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Line ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Refuses_AnEmptyDocument_AtItsEnd()
    {
        var e = Refused("  ");
        Assert.Equal((1, 3), (e.Line, e.Column));
        Assert.Contains("root element", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Refuses_TheBillionLaughs_WithoutExpandingAnything()
    {
        const string format = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
            ]>
            <lolz>&lol3;</lolz>
            """;
        var e = Refused(format);
        Assert.Equal((2, 1), (e.Line, e.Column));
        Assert.Contains("DTDs (<!DOCTYPE …>) are not allowed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Refuses_AnExternalEntity_WithoutFetchingIt()
    {
        var e = Refused("""<?xml version="1.0"?><!DOCTYPE lead [<!ENTITY secret SYSTEM "file:///etc/passwd">]><lead>&secret;</lead>""");
        Assert.Equal((1, 22), (e.Line, e.Column));
        Assert.Contains("nothing is fetched", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Refuses_AnExternalDtd() =>
        Assert.Contains("DTD", Refused("""<!DOCTYPE lead SYSTEM "http://127.0.0.1:9/lead.dtd"><lead/>""").Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_ReadsThePredefinedEntitiesAndCharacterReferences()
    {
        var template = Template.Parse(TemplateType.Xml, "<lead><note>a &amp; b &lt;c&gt; &#233;</note></lead>");
        Assert.Equal([new TemplateField("lead/note", null)], template.Fields);
        Assert.Equal("application/xml", template.ContentType);
    }
}
