using Hookline.Core.Tokens;

namespace Hookline.Core.Tests.Tokens;

public class ExampleCallTests
{
    [Fact]
    public void Call_GivesEveryScalarTokenAValue()
    {
        var call = ExampleCall.Call;
        foreach (var token in TokenCatalog.All.Where(t => !t.IsNested && t.MemberOf is null && t.Category != TokenCategory.Delivery))
        {
            Assert.True(call.Values.TryGetValue(token.Key, out var value), token.Key);
            Assert.False(string.IsNullOrWhiteSpace(value), token.Key);
        }
    }

    [Fact]
    public void Call_HasTwoFullPromptSteps_AndTheRegionTag()
    {
        var call = ExampleCall.Call;
        Assert.Equal(2, call.PromptResponses.Count);
        Assert.All(call.PromptResponses, step =>
        {
            Assert.False(string.IsNullOrEmpty(step.Question));
            Assert.StartsWith("http", step.QuestionLink, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(step.Response));
        });
        Assert.Equal("south", call.Tags["Region"]);
    }

    [Theory]
    [InlineData("repeat_caller", "1")]
    [InlineData("ani_is_valid", "1")]
    [InlineData("ani_line_type", "Mobile")]
    [InlineData("ani", "7776734736")]
    [InlineData("call_start_time", "2019-03-28T00:05:00.000Z")]
    [InlineData("location_name", "Auto ID")]
    public void Call_UsesRealisticValues(string key, string value) =>
        Assert.Equal(value, ExampleCall.Call.Values[key]);
}
