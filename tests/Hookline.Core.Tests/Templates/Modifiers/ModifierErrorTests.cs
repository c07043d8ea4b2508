using Hookline.Core.Templates;
using Hookline.Core.Urls;

namespace Hookline.Core.Tests.Templates.Modifiers;

/// <summary>An unknown modifier, or one that does not fit its token, is refused where it is written: example, mapping or URL.</summary>
public class ModifierErrorTests
{
    public static TheoryData<string, string> Refused => new()
    {
        { "%ani:foo%", "'foo' is not a modifier; %ani% takes :e164, :national, :digits or :map(…)" },
        { "%ani:%", "the modifier after ':' is missing" },
        { "%ani:unix%", ":unix is for time tokens; %ani% takes :e164" },
        { "%ani:e164:digits%", "one modifier at a time" },
        { "%call_start_time:e164%", ":e164 is for phone tokens; %call_start_time% takes :unix, :unix_ms, :date, :time, :iso" },
        { "%call_start_time:'q'%", "'q' is not a .NET date and time pattern" },
        { "%call_start_time:''%", "a pattern is 1 to 100 characters" },
        { "%campaign_name:'yyyy'%", "a quoted pattern is for time tokens" },
        { "%campaign_name:date%", ":date is for time tokens; %campaign_name% takes :map(…) only" },
        { "%campaign_name:text%", ":text is for the two nested tokens" },
        { "%tags:e164%", "its one modifier is :text" },
        { "%tags|none%", "write it as text with a fallback: %tags:text|none%" },
        { "%ani_line_type:map(Mobile)%", "each entry of a map is value=text" },
        { "%ani_line_type:map(a=1;a=2)%", "lists 'a' twice" },
        { "%ani_line_type:map()%", "a map lists 1 to 50 entries" },
        { "%ani_line_type:map(a=1%", "closed by ')'" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void InAnExample_ItIsAFormatError_AtTheValue(string token, string message)
    {
        var e = Assert.Throws<TemplateFormatException>(() => Template.Parse(TemplateType.Json, "{\n  \"a\": \"x " + token + "\"}"));
        Assert.Equal((2, 8), (e.Line, e.Column));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        var xml = Assert.Throws<TemplateFormatException>(() => Template.Parse(TemplateType.Xml, $"<a b=\"{token}\"/>"));
        Assert.Contains(message, xml.Message, StringComparison.Ordinal);
        var form = Assert.Throws<TemplateFormatException>(() => Template.Parse(TemplateType.Form, $"x=1&a={token}"));
        Assert.Equal((1, 7), (form.Line, form.Column));
        Assert.Contains(message, form.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void InAMapping_ItIsAMappingError_OnItsPath(string token, string message)
    {
        var e = Assert.Throws<TemplateMappingException>(() =>
            Template.Parse(TemplateType.Json, """{"lead": {"a": ""}}""").Compile(new Dictionary<string, string?> { ["lead.a"] = "Call " + token }));
        Assert.Equal("lead.a", e.Path);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void InAUrl_ItIsAUrlError_AtTheToken(string token, string message)
    {
        var e = Assert.Throws<UrlTemplateException>(() => UrlTemplate.Parse("https://crm.example.com/p?a=" + token));
        Assert.Equal(29, e.Position);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownTokenWithAModifier_IsAnUnknownWord_KeptAsText()
    {
        var template = Template.Parse(TemplateType.Json, """{"a": "%first_name:e164%"}""");
        Assert.Equal(["%first_name:e164%"], template.UnknownTokens);
        Assert.Null(template.Fields[0].Token);
    }

    [Fact]
    public void TextThatIsNoTokenShape_StaysText()
    {
        // No closing '%', or a quote that never closes: no token, no error.
        var template = Template.Parse(TemplateType.Json, """{"a": "50%:off", "b": "%ani:'x", "c": "%ani|x"}""");
        Assert.All(template.Fields, f => Assert.Null(f.Token));
    }
}
