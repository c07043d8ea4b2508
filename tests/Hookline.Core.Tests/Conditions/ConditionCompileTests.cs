using System.Text.Json;
using Hookline.Core.Conditions;

namespace Hookline.Core.Tests.Conditions;

public class ConditionCompileTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static IReadOnlyList<ConditionError> Errors(params ConditionInput?[] inputs)
    {
        Assert.False(ConditionSet.TryCompile(inputs, out var set, out var errors));
        Assert.Null(set);
        return errors;
    }

    private static ConditionSet Compiled(params ConditionInput?[] inputs)
    {
        Assert.True(ConditionSet.TryCompile(inputs, out var set, out var errors), string.Join("; ", errors));
        return set;
    }

    [Fact]
    public void Compile_ReadsTheApisExamples()
    {
        var set = Compiled(
            ConditionInput.Of("%dialstatus%", "eq", "ANSWER"),
            new ConditionInput("%answered_time%", "gte", Json("30")),
            ConditionInput.Of("%repeat_caller%", "eq", "0"),
            ConditionInput.Of("%tags.Region%", "ne", "north"),
            ConditionInput.OfList("%dialstatus%", "in", ["ANSWER", "BUSY"]),
            ConditionInput.Of("%rec_audiourl%", "notEmpty"));
        Assert.Equal(
            ["%dialstatus% eq ANSWER", "%answered_time% gte 30", "%repeat_caller% eq 0", "%tags.Region% ne north", "%dialstatus% in [ANSWER, BUSY]", "%rec_audiourl% notEmpty"],
            set.Conditions.Select(c => c.ToString()));
        Assert.Equal("30", set.Conditions[1].Value);
        Assert.Equal(["ANSWER", "BUSY"], set.Conditions[4].Values!);
        Assert.Equal("Region", set.Conditions[3].Tag);
    }

    [Fact]
    public void Compile_TakesTokensWithOrWithoutPercentSigns_AndOpsInAnyCase_WritingThemCanonically()
    {
        var set = Compiled(ConditionInput.Of("ANSWERED_TIME", "GTE", "30"), ConditionInput.Of("%ani%", "notempty"), ConditionInput.Of("TAGS.Region", "eq", "x"));
        Assert.Equal(["%answered_time%", "%ani%", "%tags.Region%"], set.Conditions.Select(c => c.Token));
        Assert.Equal(["gte", "notEmpty", "eq"], set.Conditions.Select(c => c.OpName));
    }

    [Fact]
    public void Compile_ReadsANumberValueAsItsText()
    {
        var set = Compiled(new ConditionInput("%answered_time%", "eq", Json("29.50")), new ConditionInput("%ring_count%", "in", Json("[4, \"5\"]")));
        Assert.Equal("29.50", set.Conditions[0].Value);
        Assert.Equal(["4", "5"], set.Conditions[1].Values!);
    }

    [Fact]
    public void Compile_OfNothing_IsNone()
    {
        Assert.Same(ConditionSet.None, Compiled());
        Assert.True(ConditionSet.TryCompile(null, out var set, out _));
        Assert.Empty(set.Conditions);
    }

    [Theory]
    [InlineData(null, "token is required")]
    [InlineData(" ", "token is required")]
    [InlineData("%first_name%", "%first_name% is not a data point")]
    [InlineData("%tags%", "name one tag, as in %tags.Region%")]
    [InlineData("%tags.%", "name the tag after 'tags.'")]
    [InlineData("%prompt_responses%", "a condition tests one value")]
    [InlineData("%response%", "a value of one IVR step")]
    [InlineData("%ani:e164%", "modifiers and fallbacks are for templates")]
    [InlineData("%ani|none%", "modifiers and fallbacks are for templates")]
    public void Compile_RefusesATokenItCannotTest_OnTheTokensKey(string? token, string message)
    {
        var error = Assert.Single(Errors(ConditionInput.Of("%ani%", "notEmpty"), ConditionInput.Of(token, "eq", "x")));
        Assert.Equal("conditions[1].token", error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "op is required: one of eq, ne, contains, in, gt, gte, lt, lte, empty, notEmpty")]
    [InlineData("between", "'between' is not an op")]
    [InlineData("==", "'==' is not an op")]
    public void Compile_RefusesAnUnknownOp_OnTheOpsKey(string? op, string message)
    {
        var error = Assert.Single(Errors(ConditionInput.Of("%ani%", op, "x")));
        Assert.Equal("conditions[0].op", error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eq", null, "eq needs a value")]
    [InlineData("eq", "null", "eq needs a value")]
    [InlineData("contains", "[\"a\"]", "a list is for in")]
    [InlineData("eq", "true", "not a boolean")]
    [InlineData("eq", "{}", "not an object")]
    [InlineData("gte", "\"thirty\"", "'thirty' is not a number")]
    [InlineData("lt", "\"NaN\"", "'NaN' is not a number")]
    [InlineData("gt", "\"\"", "'' is not a number")]
    [InlineData("in", null, "in needs a list of values")]
    [InlineData("in", "\"ANSWER\"", "in takes a list of values")]
    [InlineData("in", "[]", "in takes 1 to 100 values")]
    [InlineData("in", "[\"a\", true]", "Each value of in is text or a number")]
    [InlineData("empty", "\"\"", "empty takes no value")]
    [InlineData("notEmpty", "1", "notEmpty takes no value")]
    public void Compile_RefusesAValueThatDoesNotFitTheOp_OnTheValuesKey(string op, string? json, string message)
    {
        var error = Assert.Single(Errors(new ConditionInput("%answered_time%", op, json is null ? null : Json(json))));
        Assert.Equal("conditions[0].value", error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ReportsEveryProblem_OfEveryCondition()
    {
        var errors = Errors(ConditionInput.Of("%nope%", "nope"), null, ConditionInput.Of("%ani%", "eq"), ConditionInput.Of("%ani%", "eq", "fine"));
        Assert.Equal(["conditions[0].token", "conditions[0].op", "conditions[1]", "conditions[2].value"], errors.Select(e => e.Key));
    }

    [Fact]
    public void Compile_RefusesMoreThan20Conditions_AndOverlongValues()
    {
        var tooMany = Enumerable.Range(0, 21).Select(_ => ConditionInput.Of("%ani%", "notEmpty")).ToArray();
        Assert.Equal("conditions", Assert.Single(Errors(tooMany)).Key);
        Assert.Contains("at most 1,000 characters", Assert.Single(Errors(ConditionInput.Of("%ani%", "eq", new string('x', 1001)))).Message, StringComparison.Ordinal);
        Compiled(ConditionInput.Of("%ani%", "eq", new string('x', 1000)));
    }
}
