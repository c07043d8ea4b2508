using System.Text.Json;
using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Core.Tokens;
using static Hookline.Core.Tests.Templates.Render;

namespace Hookline.Core.Tests.Calls;

/// <summary>%event% and %lead_status%: values of each delivery, which the server supplies, not the call's intake.</summary>
public class DeliveryTokenTests
{
    private const string Format = """{"e": "%event%", "s": "%lead_status%", "t": "%lead_status|new% lead"}""";

    [Fact]
    public void Catalogue_ListsThem_InACategoryOfTheirOwn()
    {
        Assert.True(TokenCatalog.TryGet("%event%", out var e));
        Assert.True(TokenCatalog.TryGet("lead_status", out var s));
        Assert.Equal(("Event", TokenCategory.Delivery, "delivery", "call_end"), (e.Name, e.Category, e.CategoryName, e.Example));
        Assert.Equal(("Lead Status", TokenCategory.Delivery, "delivery", "new"), (s.Name, s.Category, s.CategoryName, s.Example));
        Assert.Contains("call_begin, call_end, call_update or ivr_select", e.Description, StringComparison.Ordinal);
        Assert.Contains("resend", s.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DeliveryEvent.CallBegin, LeadStatus.New, "call_begin", "new")]
    [InlineData(DeliveryEvent.CallEnd, LeadStatus.Resend, "call_end", "resend")]
    [InlineData(DeliveryEvent.CallUpdate, LeadStatus.Resend, "call_update", "resend")]
    [InlineData(DeliveryEvent.IvrSelect, LeadStatus.New, "ivr_select", "new")]
    public void ForDelivery_SetsThem_WhateverTheMoment(DeliveryEvent @event, LeadStatus status, string eventName, string statusName)
    {
        var call = TestCalls.With(("ani", "7776734736")).ForDelivery(@event, status);
        foreach (var at in new[] { CallMoment.Begin, CallMoment.End })
        {
            var body = Json(Format, call, at);
            Assert.Equal((eventName, statusName), (body.GetProperty("e").GetString(), body.GetProperty("s").GetString()));
        }

        Assert.Equal((eventName, statusName), (call.Event, call.LeadStatus));
    }

    [Fact]
    public void WithoutForDelivery_TheEventFollowsTheMoment_AndTheLeadStatusHasNoValue()
    {
        var call = TestCalls.With(("ani", "7776734736"));
        Assert.Equal("call_begin", Json(Format, call, CallMoment.Begin).GetProperty("e").GetString());
        var end = Json(Format, call, CallMoment.End);
        Assert.Equal("call_end", end.GetProperty("e").GetString());
        Assert.Equal(JsonValueKind.Null, end.GetProperty("s").ValueKind);
        Assert.Equal("new lead", end.GetProperty("t").GetString());
        Assert.Null(call.LeadStatus);
    }

    [Fact]
    public void ForDelivery_SharesTheCallsData_AndLeavesTheCallAsItWas()
    {
        var call = new CallData(new Dictionary<string, string> { ["ani"] = "1" }, [new("one", null, "1")], new Dictionary<string, string> { ["Region"] = "south" });
        var delivery = call.ForDelivery(DeliveryEvent.CallEnd, LeadStatus.Resend);
        Assert.Same(call.Values, delivery.Values);
        Assert.Equal(call.PromptResponses, delivery.PromptResponses);
        Assert.Same(call.Tags, delivery.Tags);
        Assert.Null(call.Event);
        Assert.Equal("resend", delivery.ForDelivery(DeliveryEvent.CallUpdate, LeadStatus.Resend).LeadStatus);
        Assert.Equal("1", Json("""{"a": "%ani%"}""", delivery).GetProperty("a").GetString());
    }

    [Fact]
    public void TheCallsOwnData_CannotSetThem()
    {
        var call = TestCalls.With(("event", "call_begin"), ("lead_status", "resend"), ("ani", "1"));
        Assert.Equal(["ani"], call.Values.Keys);
        using var document = JsonDocument.Parse("""{"event": "x", "lead_status": "resend", "ani": "1"}""");
        var read = CallData.FromJson(document.RootElement);
        Assert.Equal(["ani"], read.Values.Keys);
        var body = Json(Format, read, CallMoment.End);
        Assert.Equal(("call_end", JsonValueKind.Null), (body.GetProperty("e").GetString(), body.GetProperty("s").ValueKind));
    }

    [Fact]
    public void TheExampleCall_IsANewLead_WhoseEventFollowsTheMoment()
    {
        Assert.Equal(("call_begin", "new"), (Json(Format, ExampleCall.Call, CallMoment.Begin).GetProperty("e").GetString(), ExampleCall.Call.LeadStatus));
        Assert.Equal("call_end", Json(Format, ExampleCall.Call, CallMoment.End).GetProperty("e").GetString());
    }

    [Fact]
    public void StandardJson_CarriesThem()
    {
        var builtIn = BuiltInTemplates.All.Single(t => t.Id == "builtin-standard-json");
        using var document = JsonDocument.Parse(builtIn.Compile().Render(ExampleCall.Call.ForDelivery(DeliveryEvent.CallUpdate, LeadStatus.Resend), CallMoment.End));
        Assert.Equal("call_update", document.RootElement.GetProperty("event").GetString());
        Assert.Equal("resend", document.RootElement.GetProperty("lead_status").GetString());
        Assert.Contains("\"event\": \"call_end\"", builtIn.Format, StringComparison.Ordinal);
    }
}
