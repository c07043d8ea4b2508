using Hookline.Core.Calls;
using Hookline.Core.Conditions;
using Hookline.Core.Tokens;

namespace Hookline.Core.Tests.Conditions;

public class ConditionEvaluationTests
{
    private static Condition One(string token, string op, string? value = null)
    {
        Assert.True(ConditionSet.TryCompile([ConditionInput.Of(token, op, value)], out var set, out var errors), string.Join("; ", errors));
        return set.Conditions[0];
    }

    private static bool Holds(string token, string op, string? value, CallData call, CallMoment at = CallMoment.End) => One(token, op, value).Holds(call, at);

    private static readonly CallData Answered = TestCalls.With(("dialstatus", "ANSWER"), ("answered_time", "29"), ("repeat_caller", "0"), ("ani", "7776734736"), ("utm_source", ""));

    [Theory]
    [InlineData("%dialstatus%", "eq", "ANSWER", true)]
    [InlineData("%dialstatus%", "eq", "answer", false)] // exact, case-sensitive
    [InlineData("%dialstatus%", "ne", "BUSY", true)]
    [InlineData("%dialstatus%", "ne", "ANSWER", false)]
    [InlineData("%dialstatus%", "contains", "SWE", true)]
    [InlineData("%dialstatus%", "contains", "swe", false)]
    [InlineData("%answered_time%", "gte", "29", true)]
    [InlineData("%answered_time%", "gte", "30", false)]
    [InlineData("%answered_time%", "gt", "28.5", true)]
    [InlineData("%answered_time%", "lt", "1e2", true)]
    [InlineData("%answered_time%", "lte", "29.0", true)]
    [InlineData("%answered_time%", "eq", "29.0", false)] // eq compares text
    [InlineData("%dialstatus%", "gt", "1", false)] // a non-numeric side is false
    [InlineData("%repeat_caller%", "eq", "0", true)]
    [InlineData("%utm_source%", "eq", "", true)]
    [InlineData("%utm_source%", "empty", null, true)]
    [InlineData("%ani%", "notEmpty", null, true)]
    [InlineData("%ani%", "empty", null, false)]
    [InlineData("%gclid%", "empty", null, true)] // not in the call: empty
    [InlineData("%gclid%", "ne", "x", true)]
    [InlineData("%gclid%", "lt", "1", false)]
    public void Ops_CompareAsTheApiSays(string token, string op, string? value, bool holds) =>
        Assert.Equal(holds, Holds(token, op, value, Answered));

    [Fact]
    public void In_HoldsForAnyListedValue_Exactly()
    {
        Assert.True(ConditionSet.TryCompile([ConditionInput.OfList("%dialstatus%", "in", ["BUSY", "ANSWER"])], out var set, out _));
        Assert.True(set.Conditions[0].Holds(Answered, CallMoment.End));
        Assert.False(set.Conditions[0].Holds(TestCalls.With(("dialstatus", "answer")), CallMoment.End));
        Assert.False(set.Conditions[0].Holds(TestCalls.With(), CallMoment.End));
    }

    [Fact]
    public void ACallEndToken_IsEmpty_AtTheBeginning()
    {
        Assert.True(Holds("%answered_time%", "gte", "30", TestCalls.With(("answered_time", "31")), CallMoment.End));
        Assert.False(Holds("%answered_time%", "gte", "30", TestCalls.With(("answered_time", "31")), CallMoment.Begin));
        Assert.True(Holds("%dialstatus%", "empty", null, TestCalls.With(("dialstatus", "ANSWER")), CallMoment.Begin));
    }

    [Fact]
    public void Tags_AreMatchedByExactName()
    {
        var call = TestCalls.WithTags(("Region", "south"), ("Sales Team", "A"));
        Assert.True(Holds("%tags.Region%", "eq", "south", call));
        Assert.True(Holds("%tags.Sales Team%", "eq", "A", call));
        Assert.True(Holds("%tags.region%", "empty", null, call));
        Assert.True(Holds("%TAGS.Region%", "eq", "south", call));
    }

    [Fact]
    public void DeliveryTokens_AreTestedAsTheDeliverySeesThem()
    {
        var call = TestCalls.With(("ani", "1"));
        Assert.True(Holds("%event%", "eq", "call_begin", call, CallMoment.Begin));
        Assert.True(Holds("%event%", "eq", "ivr_select", call.ForDelivery(DeliveryEvent.IvrSelect, LeadStatus.New), CallMoment.End));
        Assert.True(Holds("%lead_status%", "empty", null, call));
        Assert.True(Holds("%lead_status%", "eq", "resend", call.ForDelivery(DeliveryEvent.CallEnd, LeadStatus.Resend)));
    }

    [Fact]
    public void FirstFailing_IsTheFirstConditionThatDoesNotHold_OrNone()
    {
        Assert.True(ConditionSet.TryCompile(
            [ConditionInput.Of("%dialstatus%", "eq", "ANSWER"), ConditionInput.Of("%answered_time%", "gte", "30"), ConditionInput.Of("%ani%", "empty")],
            out var set, out _));
        Assert.Equal("%answered_time% gte 30", set.FirstFailing(Answered, CallMoment.End)?.ToString());
        Assert.Equal("%dialstatus% eq ANSWER", set.FirstFailing(Answered, CallMoment.Begin)?.ToString());
        Assert.Null(set.FirstFailing(TestCalls.With(("dialstatus", "ANSWER"), ("answered_time", "45")), CallMoment.End));
        Assert.Null(ConditionSet.None.FirstFailing(Answered, CallMoment.Begin));
    }

    [Fact]
    public void WithoutValueAt_NamesTheCallEndTokens_BeforeTheCallEnds()
    {
        Assert.True(ConditionSet.TryCompile(
            [ConditionInput.Of("%dialstatus%", "eq", "ANSWER"), ConditionInput.Of("%ani%", "notEmpty"), ConditionInput.Of("%answered_time%", "gte", "30"),
             ConditionInput.Of("%dialstatus%", "ne", "BUSY"), ConditionInput.Of("%tags.Region%", "eq", "south"), ConditionInput.Of("%gclid%", "notEmpty"),
             ConditionInput.Of("%event%", "eq", "call_end")],
            out var set, out _));
        Assert.Equal(["%dialstatus%", "%answered_time%"], set.WithoutValueAt(ConditionMoment.Begin));
        Assert.Equal(["%dialstatus%", "%answered_time%"], set.WithoutValueAt(ConditionMoment.Select));
        Assert.Empty(set.WithoutValueAt(ConditionMoment.End));
        Assert.All(set.WithoutValueAt(ConditionMoment.Begin), t => Assert.Equal(TokenCategory.CallEnd, TokenCatalog.TryGet(t, out var info) ? info.Category : default));
    }
}
