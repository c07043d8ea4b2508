using System.Text;
using System.Web;
using CsCheck;
using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Microsoft.AspNetCore.WebUtilities;

namespace Hookline.Core.Tests.Templates.Form;

/// <summary>For arbitrary text as values, keys and tags, a form body decodes back to exactly those values.</summary>
public class FormRenderPropertyTests
{
    private static readonly Gen<string> Piece = Gen.OneOf<string>(
        Gen.Char[' ', '~'].Select(c => c.ToString()),
        Gen.Char['\0', '\u001F'].Select(c => c.ToString()),
        Gen.Char['\u007F', '\uD7FF'].Select(c => c.ToString()),
        Gen.Char['\uE000', '\uFFFF'].Select(c => c.ToString()),
        Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32),
        Gen.OneOf("+", "&", "=", "%", " ", "%20", "%ani%", "[", "]", "é", "北京", "😀", "\r\n", "#", "?"));

    private static readonly Gen<string> Text = Piece.Array[0, 12].Select(string.Concat);

    private static readonly CompiledTemplate Form = Template.Parse(TemplateType.Form, "a=%ani%&s=x+%ani_first_name%+y&t=%tags%&lit=50%25+off")
        .Compile(new Dictionary<string, string?>());

    [Fact]
    public void Render_DecodesBackExactly_WithHttpUtility() => Gen.Select(Text, Text, Text, Text).Sample((ani, first, tag, tagValue) =>
    {
        var body = Render(ani, first, tag, tagValue);
        Assert.True(body.All(c => c < 0x80 && !char.IsControl(c) && c != ' '), body);
        var decoded = HttpUtility.ParseQueryString(body);
        Assert.Equal(ani, decoded["a"]);
        Assert.Equal($"x {first} y", decoded["s"]);
        Assert.Equal(tagValue, decoded[$"t[{tag}]"]);
        Assert.Equal("50% off", decoded["lit"]);
    }, iter: 2000);

    [Fact]
    public void Render_DecodesBackExactly_WithQueryHelpers() => Gen.Select(Text, Text, Text, Text).Sample((ani, first, tag, tagValue) =>
    {
        var decoded = QueryHelpers.ParseQuery(Render(ani, first, tag, tagValue));
        Assert.Equal(ani, decoded["a"].ToString());
        Assert.Equal($"x {first} y", decoded["s"].ToString());
        Assert.Equal(tagValue, decoded[$"t[{tag}]"].ToString());
    }, iter: 2000);

    private static string Render(string ani, string first, string tag, string tagValue) => Encoding.ASCII.GetString(Form.Render(
        new CallData(new Dictionary<string, string> { ["ani"] = ani, ["ani_first_name"] = first }, null, new Dictionary<string, string> { [tag] = tagValue }),
        CallMoment.End));
}
