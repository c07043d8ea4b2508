using Hookline.Core.Templates;

namespace Hookline.Core.Tests.Templates.Form;

public class FormParseTests
{
    private static Template Parse(string format) => Template.Parse(TemplateType.Form, format);

    private static TemplateFormatException Refused(string format) =>
        Assert.Throws<TemplateFormatException>(() => Parse(format));

    [Fact]
    public void Fields_AreTheKeysInOrder_InlineTokensPreMapped()
    {
        var template = Parse("first=&last=&phone=%ani%&note=Call+from+%ani_first_name%");
        Assert.Equal(["first", "last", "phone", "note"], template.Fields.Select(f => f.Path));
        Assert.Equal([null, null, "%ani%", "Call from %ani_first_name%"], template.Fields.Select(f => f.Token));
        Assert.Equal("application/x-www-form-urlencoded", template.ContentType);
    }

    [Fact]
    public void Keys_AreDecoded_AsABrowserDecodesThem()
    {
        var template = Parse("first+name=&e%2Dmail=&caf%C3%A9=&lead[phone]=%ani%&a%3Db=1");
        Assert.Equal(["first name", "e-mail", "café", "lead[phone]", "a=b"], template.Fields.Select(f => f.Path));
    }

    [Fact]
    public void APairWithoutEquals_IsAKeyWithAnEmptyValue()
    {
        var template = Parse("first&phone=%ani%");
        Assert.Equal(["first", "phone"], template.Fields.Select(f => f.Path));
    }

    [Theory]
    [InlineData("a=1\n")]
    [InlineData("a=1\r\n")]
    [InlineData("a=1\n\n")]
    public void AClosingLineBreak_IsNotPartOfTheBody(string format) =>
        Assert.Equal(["a"], Parse(format).Fields.Select(f => f.Path));

    [Theory]
    [InlineData("first=&last=&first=x", 14, "\"first\" appears twice")]
    [InlineData("a=1&=x", 5, "without a key")]
    [InlineData("=x", 1, "without a key")]
    [InlineData("a=1&&b=2", 5, "empty pair")]
    [InlineData("&a=1", 1, "empty pair")]
    [InlineData("a=1&", 4, "empty pair")]
    [InlineData("a=50%", 5, "a %XX escape")]
    [InlineData("a=50%2", 5, "a %XX escape")]
    [InlineData("a=%zz", 3, "a %XX escape")]
    [InlineData("a=%first_name%", 3, "%first_name% is not a token")]
    [InlineData("a=%FF", 3, "not UTF-8")]
    [InlineData("a=%C3", 3, "not UTF-8")]
    [InlineData("a=%C3+%A9", 3, "not UTF-8")]
    [InlineData("a=%caller%", 3, "%caller% is not a token")]
    [InlineData("%ani%=1", 1, "%ani% stands in a key")]
    [InlineData("a%=1", 2, "a %XX escape")]
    [InlineData("a=1\nb=2", 4, "one line")]
    [InlineData("\na=1", 1, "one line")]
    [InlineData("a=1\tb", 4, "U+0009")]
    [InlineData("a%0A=1", 1, "U+000A")]
    [InlineData("", 1, "at least one key")]
    [InlineData("\n", 1, "at least one key")]
    public void Malformed_IsRefused_OnLine1_WithTheColumn(string format, int column, string reason)
    {
        var e = Refused(format);
        Assert.Equal((1, column), (e.Line, e.Column));
        Assert.Contains($"line 1, column {column}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEscapedPercent_IsText_NotAToken()
    {
        var template = Parse("note=50%25+off&a=%25ani%25");
        Assert.Equal([null, null], template.Fields.Select(f => f.Token));
        Assert.Empty(template.UnknownTokens);
    }

    [Fact]
    public void AnIvrStepMember_IsRefused_NothingRepeatsInAForm()
    {
        var e = Refused("q=%question%");
        Assert.Equal((1, 3), (e.Line, e.Column));
        Assert.Contains("nothing repeats in a form", e.Message, StringComparison.Ordinal);
        Assert.Throws<TemplateMappingException>(() => Parse("q=").Compile(new Dictionary<string, string?> { ["q"] = "%response%" }));
    }

    [Fact]
    public void ANestedTokenInsideText_IsRefused()
    {
        var e = Refused("a=x&t=Tags:+%tags%");
        Assert.Equal((1, 7), (e.Line, e.Column));
        Assert.Contains("%tags% is a list or a set of pairs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreThan2000Keys_AreRefused()
    {
        var format = string.Join("&", Enumerable.Range(0, 2001).Select(n => $"k{n}="));
        Assert.Contains("more than 2,000 fields", Refused(format).Message, StringComparison.Ordinal);
    }
}
