using Hookline.Core.Templates;

namespace Hookline.Core.Tests.Templates;

public class JsonParseTests
{
    private static TemplateFormatException Refused(string format) =>
        Assert.Throws<TemplateFormatException>(() => Template.Parse(TemplateType.Json, format));

    [Theory]
    [InlineData("{\"a\": 1,}", 1, 9)]
    [InlineData("{\n  \"a\": tru\n}", 2, 11)]
    [InlineData("{\"a\": 1} x", 1, 10)]
    [InlineData("{\"a\" 1}", 1, 6)]
    [InlineData("{\"a\": [1, 2}", 1, 12)]
    [InlineData("\n\n   {\"a\": 'x'}", 3, 10)]
    public void Parse_Refuses_MalformedJson_WithLineAndColumn(string format, int line, int column)
    {
        var e = Refused(format);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains($"line {line}, column {column}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CountsColumnsInCharacters_NotBytes()
    {
        // "é" is two bytes and "😀" four in UTF-8; columns count UTF-16 characters as editors do.
        Assert.Equal(7, Refused("{\"é\": x}").Column);
        Assert.Equal(8, Refused("{\"😀\": x}").Column);
        var e = Refused("{\"née\": 1,\n \"ça\": x}");
        Assert.Equal((2, 8), (e.Line, e.Column));
    }

    [Fact]
    public void Parse_Refuses_ADuplicateMember_AtTheSecondOne()
    {
        var e = Refused("{\"a\": 1,\n \"a\": 2}");
        Assert.Equal((2, 2), (e.Line, e.Column));
        Assert.Contains("\"a\" appears twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AllowsTheSameMemberNameInDifferentObjects() =>
        Assert.Equal(["a.n", "b.n"], Template.Parse(TemplateType.Json, """{"a": {"n": 1}, "b": {"n": 2}}""").Fields.Select(f => f.Path));

    [Theory]
    [InlineData("\"%ani%\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Parse_Refuses_AScalarRoot(string format)
    {
        var e = Refused(format);
        Assert.Equal((1, 1), (e.Line, e.Column));
        Assert.Contains("object or an array", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{\"a\": 1 /* note */}")]
    [InlineData("{\"a\": \"\\ud800\"}")]
    [InlineData("{\"a\": 01}")]
    public void Parse_Refuses_WhatStrictJsonRefuses(string format)
    {
        var e = Refused(format);
        Assert.NotNull(e.Line);
        Assert.NotNull(e.Column);
    }

    [Fact]
    public void Parse_AcceptsAByteOrderMarkFreeDocumentWithSurroundingWhitespace()
    {
        var template = Template.Parse(TemplateType.Json, "\n  {\"a\": \"%ani%\"}\n\n");
        Assert.Equal([new TemplateField("a", "%ani%")], template.Fields);
        Assert.Equal("application/json", template.ContentType);
        Assert.Equal(TemplateType.Json, template.Type);
    }
}
