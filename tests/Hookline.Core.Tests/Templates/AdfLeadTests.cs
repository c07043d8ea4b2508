using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CsCheck;
using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Core.Tokens;

namespace Hookline.Core.Tests.Templates;

/// <summary>The built-in ADF lead is a complete ADF 1.0 lead for every call, at every moment.</summary>
public class AdfLeadTests
{
    private static readonly CompiledTemplate Adf = BuiltInTemplates.All.Single(t => t.Id == "builtin-adf-xml").Compile();

    private static XDocument Lead(CallData call, CallMoment at = CallMoment.End) => XDocument.Parse(Encoding.UTF8.GetString(Adf.Render(call, at)));

    public static TheoryData<string, CallMoment> Calls => new()
    {
        { "example", CallMoment.Begin },
        { "example", CallMoment.End },
        { "empty", CallMoment.Begin },
        { "empty", CallMoment.End },
        { "landline resend", CallMoment.End },
    };

    private static CallData Call(string name) => name switch
    {
        "example" => ExampleCall.Call,
        "empty" => TestCalls.With(),
        _ => TestCalls.With(("ani", "+44 20 7946 0958"), ("ani_line_type", "Landline"), ("call_start_time", "2026-11-01T06:30:00Z"))
            .ForDelivery(DeliveryEvent.CallEnd, LeadStatus.Resend),
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void Lead_FollowsTheAdf10Dtd(string call, CallMoment at) => Assert.Empty(AdfDtd.Violations(Lead(Call(call), at)));

    [Fact]
    public void TheDtdRules_CatchWhatBreaksThem()
    {
        // The rules would fail a lead that breaks them: the check is not vacuous.
        var lead = Lead(ExampleCall.Call);
        lead.Root!.Element("prospect")!.SetAttributeValue("status", "pending");
        lead.Root.Element("prospect")!.Element("vendor")!.Element("contact")!.Element("phone")!.Remove();
        lead.Root.Element("prospect")!.Element("requestdate")!.AddAfterSelf(new XElement("note"));
        lead.Root.Element("prospect")!.Element("customer")!.Element("contact")!.Element("phone")!.SetAttributeValue("type", "mobile");
        Assert.Equal(
            [
                "adf/prospect holds [id requestdate note vehicle customer vendor provider], which its content model does not allow",
                "adf/prospect/@status is 'pending', not one of new, resend",
                "adf/prospect/note is not an ADF 1.0 element",
                "adf/prospect/customer/contact/phone/@type is 'mobile', not one of voice, fax, cellphone, pager",
                "adf/prospect/vendor/contact holds [name address], which its content model does not allow",
            ],
            AdfDtd.Violations(lead));
    }

    [Fact]
    public void Lead_TakesItsStatusFromTheDelivery_NewByDefault()
    {
        Assert.Equal("new", Lead(ExampleCall.Call).Root!.Element("prospect")!.Attribute("status")!.Value);
        Assert.Equal("new", Lead(TestCalls.With()).Root!.Element("prospect")!.Attribute("status")!.Value);
        Assert.Equal("resend", Lead(ExampleCall.Call.ForDelivery(DeliveryEvent.CallUpdate, LeadStatus.Resend)).Root!.Element("prospect")!.Attribute("status")!.Value);
        var builtIn = Template.Parse(TemplateType.Xml, BuiltInTemplates.All.Single(t => t.Id == "builtin-adf-xml").Format);
        Assert.Equal("%lead_status|new%", builtIn.Fields.Single(f => f.Path == "adf/prospect/@status").Token);
    }

    [Theory]
    [InlineData("2019-03-28T00:05:00.000Z", "2019-03-28T00:05:00+00:00")]
    [InlineData("2026-11-01T01:30:00-05:00", "2026-11-01T06:30:00+00:00")]
    public void RequestDate_HasAnOffset_NeverZ(string start, string expected)
    {
        var date = Lead(TestCalls.With(("call_start_time", start))).Root!.Element("prospect")!.Element("requestdate")!.Value;
        Assert.Equal(expected, date);
        Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"), date);
    }

    [Fact]
    public void RequestDate_IsInTheTemplatesZone_WhenItHasOne()
    {
        Assert.True(TemplateTimeZone.TryFind("America/New_York", out var zone, out _));
        var builtIn = BuiltInTemplates.All.Single(t => t.Id == "builtin-adf-xml");
        var body = Template.Parse(builtIn.Type, builtIn.Format, zone).Compile(new Dictionary<string, string?>()).Render(ExampleCall.Call, CallMoment.End);
        Assert.Equal("2019-03-27T20:05:00-04:00", XDocument.Parse(Encoding.UTF8.GetString(body)).Root!.Element("prospect")!.Element("requestdate")!.Value);
    }

    [Theory]
    [InlineData("Mobile", "cellphone")]
    [InlineData("Landline", "voice")]
    [InlineData("NonFixedVOIP", "voice")]
    [InlineData("TollFree", "voice")]
    [InlineData("FixedVOIP", "voice")]
    [InlineData("", "voice")]
    public void CallersPhone_IsACellphone_ForAMobileLine_AndVoiceOtherwise(string lineType, string type)
    {
        var phone = Lead(TestCalls.With(("ani", "7776734736"), ("ani_line_type", lineType))).Root!.Element("prospect")!.Element("customer")!.Element("contact")!.Element("phone")!;
        Assert.Equal((type, "7776734736"), (phone.Attribute("type")!.Value, phone.Value));
        Assert.Equal("voice", Lead(TestCalls.With()).Descendants("phone").First().Attribute("type")!.Value);
    }

    [Fact]
    public void Comments_CarryTheCall_AtTheEnd()
    {
        var comments = Lead(ExampleCall.Call).Root!.Element("prospect")!.Element("customer")!.Element("comments")!.Value;
        Assert.Equal(
            "Phone call from (777) 673-4736 to (777) 483-9229 (campaign: Sales Campaign). Recording: https://audio.example.com/MP3/202110/demo.e123.4d3c.41de.123468.mp3. " +
            "Duration in seconds: 36 (talk time 29). IVR: one: 1, two: 3. Landing page: https://www.example.com.",
            comments);
    }

    [Fact]
    public void Comments_SayWhatIsNotKnownYet_AtTheBeginning()
    {
        var comments = Lead(ExampleCall.Call, CallMoment.Begin).Root!.Element("prospect")!.Element("customer")!.Element("comments")!.Value;
        Assert.Contains("Recording: none. Duration in seconds: unknown (talk time unknown). IVR: none.", comments, StringComparison.Ordinal);
    }

    [Fact]
    public void VendorAndProvider_AreComplete()
    {
        var prospect = Lead(ExampleCall.Call).Root!.Element("prospect")!;
        var vendor = prospect.Element("vendor")!;
        Assert.Equal("Auto ID", vendor.Element("vendorname")!.Value);
        Assert.Equal(("Auto ID", "7774839229"), (vendor.Element("contact")!.Element("name")!.Value, vendor.Element("contact")!.Element("phone")!.Value));
        Assert.Equal(["157 Main Street", "Apt 4"], vendor.Descendants("street").Select(s => s.Value));
        var provider = prospect.Element("provider")!;
        Assert.Equal(("Hookline", "Call tracking"), (provider.Element("name")!.Value, provider.Element("service")!.Value));
        var vehicle = prospect.Element("vehicle")!;
        Assert.Equal(("buy", "used"), (vehicle.Attribute("interest")!.Value, vehicle.Attribute("status")!.Value));
    }

    private static readonly Gen<string> AnyText = Gen.String[Gen.Char.AlphaNumeric, 0, 12].Select(Gen.OneOf(Gen.Const(""), Gen.OneOf("<&>\"'", "\u0001", "😀", "Mobile", "%ani%", "]]>")), (a, b) => a + b);

    [Fact]
    public void Lead_StaysValid_WhateverTheCallHolds() =>
        Gen.Select(AnyText.Array[6], Gen.Bool, Gen.Int[0, 3]).Sample((v, resend, steps) =>
        {
            var call = new CallData(
                new Dictionary<string, string>
                {
                    ["ani"] = v[0], ["ani_line_type"] = v[1], ["ani_first_name"] = v[2], ["call_start_time"] = v[3], ["location_name"] = v[4], ["vehicle_make"] = v[5],
                },
                [.. Enumerable.Range(0, steps).Select(i => new PromptResponse(v[i], null, v[5 - i]))],
                new Dictionary<string, string> { [v[4]] = v[5] });
            var delivery = resend ? call.ForDelivery(DeliveryEvent.CallUpdate, LeadStatus.Resend) : call;
            Assert.Empty(AdfDtd.Violations(Lead(delivery)));
        }, iter: 500);
}
