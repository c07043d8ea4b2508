using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using CsCheck;
using Hookline.Core.Calls;
using Hookline.Core.Templates;

namespace Hookline.Core.Tests.Templates;

/// <summary>For arbitrary text as values, the body is well-formed and carries the values back out.</summary>
public class RenderPropertyTests
{
    // Pieces chosen to hit the edges: controls, markup and escape characters, every plane, lone surrogates.
    private static readonly Gen<string> Piece = Gen.OneOf<string>(
        Gen.Char[' ', '~'].Select(c => c.ToString()),
        Gen.Char['\0', '\u001F'].Select(c => c.ToString()),
        Gen.Char['\u007F', '\uD7FF'].Select(c => c.ToString()),
        Gen.Char['\uE000', '\uFFFF'].Select(c => c.ToString()),
        Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32),
        Gen.Char['\uD800', '\uDFFF'].Select(c => c.ToString()),
        Gen.OneOf("\"", "\\", "<", ">", "&", "]]>", "'", "%ani%", "\r\n", "\u2028"));

    private static readonly Gen<string[]> Values = Piece.Array[0, 12].Select(string.Concat).Array[5];

    private static readonly CompiledTemplate Json = Template.Parse(TemplateType.Json, """
        {"a": "%ani%", "n": 0, "s": "x %ani_first_name% y", "t": "%tags%", "steps": [{"q": "%question%"}]}
        """).Compile(new Dictionary<string, string?> { ["n"] = "%ani%" });

    private static readonly CompiledTemplate Xml = Template.Parse(TemplateType.Xml, """
        <lead a="%ani%"><t>%ani%</t><s>x %ani_first_name% y</s><tags>%tags%</tags><steps><step><q>%question%</q></step></steps></lead>
        """).Compile(new Dictionary<string, string?>());

    private static CallData Call(string[] v) => new(
        new Dictionary<string, string> { ["ani"] = v[0], ["ani_first_name"] = v[1] },
        [new PromptResponse(v[2], null, null)],
        new Dictionary<string, string> { [v[3]] = v[4] });

    [Fact]
    public void Render_Json_Parses_AndEveryValueRoundTrips() => Values.Sample(v =>
    {
        using var document = JsonDocument.Parse(Json.Render(Call(v), CallMoment.End));
        var body = document.RootElement;
        var (ani, first, question, tag, tagValue) = (AsJson(v[0]), AsJson(v[1]), AsJson(v[2]), AsJson(v[3]), AsJson(v[4]));
        Assert.Equal(ani, body.GetProperty("a").GetString());
        Assert.Equal($"x {first} y", body.GetProperty("s").GetString());
        Assert.Equal(question, body.GetProperty("steps")[0].GetProperty("q").GetString());
        Assert.Equal(tagValue, body.GetProperty("t").GetProperty(tag).GetString());
        var n = body.GetProperty("n");
        switch (n.ValueKind)
        {
            case JsonValueKind.Number:
                Assert.Equal(v[0], n.GetRawText());
                break;
            case JsonValueKind.Null:
                Assert.Equal("", v[0]);
                break;
            default:
                Assert.Equal(ani, n.GetString());
                break;
        }
    }, iter: 2000);

    [Fact]
    public void Render_Xml_Parses_AndValuesRoundTrip_WithoutWhatXmlCannotHold() => Values.Sample(v =>
    {
        var lead = XElement.Parse(Encoding.UTF8.GetString(Xml.Render(Call(v), CallMoment.End)), LoadOptions.PreserveWhitespace);
        var (ani, first, question, tag, tagValue) = (AsXml(v[0]), AsXml(v[1]), AsXml(v[2]), AsXml(v[3]), AsXml(v[4]));
        Assert.Equal(ani, lead.Attribute("a")!.Value);
        Assert.Equal(ani, lead.Element("t")!.Value);
        Assert.Equal($"x {first} y", lead.Element("s")!.Value);
        Assert.Equal(question, lead.Element("steps")!.Element("step")!.Element("q")!.Value);
        var tagElement = lead.Element("tags")!.Element("tag")!;
        Assert.Equal(tag, tagElement.Attribute("name")!.Value);
        Assert.Equal(tagValue, tagElement.Value);
    }, iter: 2000);

    // Numeric text by the JSON grammar, from tiny to far beyond a double, with exponents of any size.
    private static readonly Gen<string> NumericText = Gen.Select(
        Gen.Bool, Gen.Char['0', '9'].Array[1, 400], Gen.Char['0', '9'].Array[0, 20], Gen.Int[-2000, 2000], Gen.Int[0, 2],
        (negative, whole, fraction, exponent, form) =>
            (negative ? "-" : "") + (whole[0] == '0' ? "0" : new string(whole)) +
            (fraction.Length > 0 ? "." + new string(fraction) : "") + (form == 0 ? "" : (form == 1 || exponent < 0 ? "e" : "E+") + exponent));

    private static readonly CompiledTemplate Number = Template.Parse(TemplateType.Json, """{"n": 0}""")
        .Compile(new Dictionary<string, string?> { ["n"] = "%ani%" });

    [Fact]
    public void Render_NumberField_WritesANumberADoubleHolds_ElseTheTextAsAString() => NumericText.Sample(text =>
    {
        using var document = JsonDocument.Parse(Number.Render(TestCalls.With(("ani", text)), CallMoment.End));
        var n = document.RootElement.GetProperty("n");
        if (double.IsFinite(double.Parse(text, CultureInfo.InvariantCulture)))
        {
            Assert.Equal(JsonValueKind.Number, n.ValueKind);
            Assert.Equal(text, n.GetRawText());
            Assert.True(n.TryGetDouble(out _));
        }
        else
        {
            Assert.Equal(text, n.GetString());
        }
    }, iter: 2000);

    // What JSON text can carry: everything, a lone surrogate becoming U+FFFD.
    private static string AsJson(string value) => Clean(value, keepControls: true, invalid: "\uFFFD");

    // What XML 1.0 can carry: no controls but tab, LF and CR, no lone surrogates, no U+FFFE or U+FFFF.
    private static string AsXml(string value) => Clean(value, keepControls: false, invalid: "");

    private static string Clean(string value, bool keepControls, string invalid)
    {
        var text = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                text.Append(invalid);
            }
            else if (keepControls || !(c < ' ' && c is not ('\t' or '\n' or '\r') || c is '\uFFFE' or '\uFFFF'))
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
