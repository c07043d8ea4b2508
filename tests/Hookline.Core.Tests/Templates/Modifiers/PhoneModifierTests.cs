using Hookline.Core.Templates;
using static Hookline.Core.Tests.Templates.Render;

namespace Hookline.Core.Tests.Templates.Modifiers;

public class PhoneModifierTests
{
    private static string Phone(string modifier, string value) =>
        Json($$"""{"p": "%ani:{{modifier}}%"}""", TestCalls.With(("ani", value))).GetProperty("p").GetString()!;

    [Theory]
    [InlineData("7776734736", "+17776734736", "(777) 673-4736", "7776734736")]
    [InlineData("17776734736", "+17776734736", "(777) 673-4736", "7776734736")]
    [InlineData("+17776734736", "+17776734736", "(777) 673-4736", "7776734736")]
    [InlineData("+1 (777) 673-4736", "+17776734736", "(777) 673-4736", "7776734736")]
    [InlineData("777.673.4736", "+17776734736", "(777) 673-4736", "7776734736")]
    [InlineData(" 777-673-4736 ", "+17776734736", "(777) 673-4736", "7776734736")]
    public void NorthAmericanNumbers_AreWrittenInTheThreeForms(string value, string e164, string national, string digits)
    {
        Assert.Equal(e164, Phone("e164", value));
        Assert.Equal(national, Phone("national", value));
        Assert.Equal(digits, Phone("digits", value));
    }

    [Theory]
    [InlineData("+44 20 7946 0958")] // international
    [InlineData("+7776734736")] // '+' then ten digits: not +1
    [InlineData("27776734736")] // eleven digits not starting with 1
    [InlineData("673-4736")] // seven digits
    [InlineData("1776734736")] // area code starting with 1
    [InlineData("7770734736")] // exchange starting with 0
    [InlineData("777673473x")]
    [InlineData("anonymous")]
    public void OtherValues_AreWrittenAsGiven(string value)
    {
        Assert.Equal(value, Phone("e164", value));
        Assert.Equal(value, Phone("national", value));
        Assert.Equal(value, Phone("digits", value));
    }

    [Fact]
    public void Modifiers_ApplyToEveryPhoneToken_InAnyCase()
    {
        var call = TestCalls.With(("ani", "7776734736"), ("tracking", "7774839229"), ("target", "7776734700"));
        var body = Json("""{"a": "%ANI:E164%", "t": "%tracking:National%", "g": "%target:digits%"}""", call);
        Assert.Equal("+17776734736", body.GetProperty("a").GetString());
        Assert.Equal("(777) 483-9229", body.GetProperty("t").GetString());
        Assert.Equal("7776734700", body.GetProperty("g").GetString());
        Assert.Equal(["%ani:e164%", "%tracking:national%", "%target:digits%"],
            Template.Parse(TemplateType.Json, """{"a": "%ANI:E164%", "t": "%tracking:National%", "g": "%target:digits%"}""").Fields.Select(f => f.Token!));
    }

    [Fact]
    public void DigitsInANumberField_AreANumber()
    {
        var body = Json("""{"n": 0}""", TestCalls.With(("ani", "+1 (777) 673-4736")), map: Map(("n", "%ani:digits%")));
        Assert.Equal(7776734736, body.GetProperty("n").GetInt64());
    }
}
