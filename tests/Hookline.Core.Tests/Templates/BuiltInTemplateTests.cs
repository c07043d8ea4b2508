using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Core.Tokens;

namespace Hookline.Core.Tests.Templates;

public class BuiltInTemplateTests
{
    private static BuiltInTemplate Get(string id) => BuiltInTemplates.All.Single(t => t.Id == id);

    [Fact]
    public void All_AreTheFourBuiltIns()
    {
        Assert.Equal(["builtin-standard-json", "builtin-standard-xml", "builtin-standard-form", "builtin-adf-xml"], BuiltInTemplates.All.Select(t => t.Id));
        Assert.Equal([TemplateType.Json, TemplateType.Xml, TemplateType.Form, TemplateType.Xml], BuiltInTemplates.All.Select(t => t.Type));
        Assert.Equal(["Standard JSON", "Standard XML", "Standard Form"], BuiltInTemplates.All.Take(3).Select(t => t.Name));
    }

    [Theory]
    [InlineData("builtin-standard-json")]
    [InlineData("builtin-standard-xml")]
    [InlineData("builtin-standard-form")]
    [InlineData("builtin-adf-xml")]
    public void EachBuiltIn_ParsesCompilesAndRendersAtBothMoments(string id)
    {
        var builtIn = Get(id);
        var template = Template.Parse(builtIn.Type, builtIn.Format);
        Assert.Empty(template.UnknownTokens);
        var compiled = template.Compile(builtIn.Mappings.ToDictionary(m => m.Key, string? (m) => m.Value));
        foreach (var at in new[] { CallMoment.Begin, CallMoment.End })
        {
            var body = Encoding.UTF8.GetString(compiled.Render(ExampleCall.Call, at));
            if (builtIn.Type == TemplateType.Json)
            {
                using var _ = JsonDocument.Parse(body);
            }
            else if (builtIn.Type == TemplateType.Form)
            {
                Assert.NotEmpty(System.Web.HttpUtility.ParseQueryString(body));
            }
            else
            {
                XDocument.Parse(body);
            }
        }
    }

    [Fact]
    public void StandardJson_CarriesEveryDataPoint_WithItsType()
    {
        var body = JsonDocument.Parse(Get("builtin-standard-json").Compile().Render(ExampleCall.Call, CallMoment.End)).RootElement;
        foreach (var token in TokenCatalog.All.Where(t => t.MemberOf is null))
        {
            Assert.True(body.TryGetProperty(token.Key, out _), token.Key);
        }

        Assert.Equal(36, body.GetProperty("dialed_time").GetInt32());
        Assert.Equal(-117.8457, body.GetProperty("visitor_long").GetDouble());
        Assert.Equal("50035", body.GetProperty("ani_zip").GetString());
        Assert.Equal("one", body.GetProperty("prompt_responses")[0].GetProperty("question").GetString());
        Assert.Equal("south", body.GetProperty("tags").GetProperty("Region").GetString());
    }

    [Fact]
    public void StandardJson_AtBegin_HasNoCallEndValues()
    {
        var body = JsonDocument.Parse(Get("builtin-standard-json").Compile().Render(ExampleCall.Call, CallMoment.Begin)).RootElement;
        Assert.Equal(JsonValueKind.Null, body.GetProperty("dialed_time").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("prompt_responses").ValueKind);
        Assert.Equal("7776734736", body.GetProperty("ani").GetString());
    }

    [Fact]
    public void StandardXml_CarriesEveryDataPoint()
    {
        var call = XElement.Parse(Encoding.UTF8.GetString(Get("builtin-standard-xml").Compile().Render(ExampleCall.Call, CallMoment.End)));
        foreach (var token in TokenCatalog.All.Where(t => t.MemberOf is null))
        {
            Assert.NotNull(call.Element(token.Key));
        }

        Assert.Equal(["one", "two"], call.Element("prompt_responses")!.Elements("prompt_response").Select(p => p.Element("question")!.Value));
        Assert.Equal("south", call.Element("tags")!.Element("tag")!.Value);
    }

    [Fact]
    public void StandardForm_CarriesEveryDataPoint_NestedOnesFlattened()
    {
        var form = System.Web.HttpUtility.ParseQueryString(
            Encoding.ASCII.GetString(Get("builtin-standard-form").Compile().Render(ExampleCall.Call, CallMoment.End)));
        foreach (var token in TokenCatalog.All.Where(t => t.MemberOf is null && !t.IsNested && t.Category != TokenCategory.Delivery))
        {
            Assert.Equal(ExampleCall.Call.Values[token.Key], form[token.Key]);
        }

        Assert.Equal(("call_end", "new"), (form["event"], form["lead_status"]));
        Assert.Equal("one", form["prompt_responses[0][question]"]);
        Assert.Equal("3", form["prompt_responses[1][response]"]);
        Assert.Equal("south", form["tags[Region]"]);
        Assert.Equal("application/x-www-form-urlencoded", Get("builtin-standard-form").Compile().ContentType);
    }

    [Fact]
    public void StandardForm_ExampleHoldsTheExampleValues_AsLiterals()
    {
        var builtIn = Get("builtin-standard-form");
        Assert.StartsWith("callid=093cc03c.e6a4.6ac6.978f.740b10afeaca&session_id=", builtIn.Format, StringComparison.Ordinal);
        Assert.Contains("&campaign_name=Sales+Campaign&", builtIn.Format, StringComparison.Ordinal);
        Assert.All(Template.Parse(builtIn.Type, builtIn.Format).Fields, f => Assert.Null(f.Token));
        Assert.Equal("%ani%", builtIn.Mappings["ani"]);
    }

    [Fact]
    public void AdfLead_MapsTheLeadToTheCall()
    {
        var adf = XDocument.Parse(Encoding.UTF8.GetString(Get("builtin-adf-xml").Compile().Render(ExampleCall.Call, CallMoment.Begin)));
        Assert.Equal("adf", adf.Root!.Name);
        Assert.Contains(adf.Nodes(), n => n is XProcessingInstruction { Target: "adf" });
        var prospect = adf.Root.Element("prospect")!;
        Assert.Equal("2019-03-28T00:05:00+00:00", prospect.Element("requestdate")!.Value);
        var vehicle = prospect.Element("vehicle")!;
        Assert.Equal(["2019", "Ram", "1500", "1C6RRFFG9KN909808"], vehicle.Elements().Select(e => e.Value));
        var contact = prospect.Element("customer")!.Element("contact")!;
        Assert.Equal("Freddy", contact.Elements("name").Single(n => (string?)n.Attribute("part") == "first").Value);
        Assert.Equal("Krueger", contact.Elements("name").Single(n => (string?)n.Attribute("part") == "last").Value);
        Assert.Equal("7776734736", contact.Element("phone")!.Value);
        Assert.Equal(["1428 Elm Street", "Apt 2"], contact.Descendants("street").Select(s => s.Value));
        var vendor = prospect.Element("vendor")!;
        Assert.Equal("Auto ID", vendor.Element("vendorname")!.Value);
        Assert.Equal(["157 Main Street", "Apt 4"], vendor.Descendants("street").Select(s => s.Value));
        Assert.Equal("Hookline", prospect.Element("provider")!.Element("name")!.Value);
    }
}
