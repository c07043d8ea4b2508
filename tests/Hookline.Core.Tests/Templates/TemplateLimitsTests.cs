using System.Text;
using Hookline.Core.Templates;

namespace Hookline.Core.Tests.Templates;

public class TemplateLimitsTests
{
    private const int Limit = 256 * 1024;

    private static string JsonOfBytes(int bytes) => "{\"a\": \"" + new string('x', bytes - 9) + "\"}";

    [Theory]
    [InlineData(TemplateType.Json)]
    [InlineData(TemplateType.Xml)]
    public void Parse_Refuses_MoreThan256KiB(TemplateType type)
    {
        var format = type == TemplateType.Json ? JsonOfBytes(Limit + 1) : "<a>" + new string('x', Limit) + "</a>";
        var e = Assert.Throws<TemplateFormatException>(() => Template.Parse(type, format));
        Assert.Contains("256 KiB", e.Message, StringComparison.Ordinal);
        Assert.Null(e.Line);
    }

    [Fact]
    public void Parse_Accepts_Exactly256KiB()
    {
        var format = JsonOfBytes(Limit);
        Assert.Equal(Limit, Encoding.UTF8.GetByteCount(format));
        Assert.Single(Template.Parse(TemplateType.Json, format).Fields);
    }

    [Fact]
    public void Parse_CountsTheLimitInUtf8Bytes_NotCharacters()
    {
        var format = "{\"a\": \"" + new string('é', (Limit / 2) + 10) + "\"}";
        Assert.True(format.Length < Limit);
        Assert.Throws<TemplateFormatException>(() => Template.Parse(TemplateType.Json, format));
    }

    [Fact]
    public void Parse_AcceptsDepth64_AndRefusesDepth65_Json()
    {
        Assert.Single(Template.Parse(TemplateType.Json, new string('[', 64) + "1" + new string(']', 64)).Fields);
        var e = Assert.Throws<TemplateFormatException>(() =>
            Template.Parse(TemplateType.Json, new string('[', 65) + "1" + new string(']', 65)));
        Assert.Equal((1, 65), (e.Line, e.Column));
        Assert.Contains("deeper than 64 levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AcceptsDepth64_AndRefusesDepth65_Xml()
    {
        static string Nested(int depth) =>
            string.Concat(Enumerable.Repeat("<e>", depth)) + "x" + string.Concat(Enumerable.Repeat("</e>", depth));

        Assert.Single(Template.Parse(TemplateType.Xml, Nested(64)).Fields);
        var e = Assert.Throws<TemplateFormatException>(() => Template.Parse(TemplateType.Xml, Nested(65)));
        Assert.Equal((1, (64 * 3) + 1), (e.Line, e.Column));
        Assert.Contains("deeper than 64 levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Accepts2000Fields_AndRefuses2001_Json()
    {
        static string Members(int count) => "{" + string.Join(",\n", Enumerable.Range(0, count).Select(i => $"\"f{i}\": 1")) + "}";

        Assert.Equal(2000, Template.Parse(TemplateType.Json, Members(2000)).Fields.Count);
        var e = Assert.Throws<TemplateFormatException>(() => Template.Parse(TemplateType.Json, Members(2001)));
        Assert.Equal((2001, 10), (e.Line, e.Column)); // at the 2,001st value
        Assert.Contains("more than 2,000 fields", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Refuses2001Fields_Xml()
    {
        var format = "<a>" + string.Concat(Enumerable.Range(0, 2001).Select(i => $"<f{i}/>")) + "</a>";
        Assert.Contains("more than 2,000 fields", Assert.Throws<TemplateFormatException>(() => Template.Parse(TemplateType.Xml, format)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CountsFoldedFieldsOnce()
    {
        // 5,000 array elements with the same member are one field.
        var format = "[" + string.Join(",", Enumerable.Repeat("{\"n\": 1}", 5000)) + "]";
        Assert.Equal([new TemplateField("[].n", null)], Template.Parse(TemplateType.Json, format).Fields);
    }
}
