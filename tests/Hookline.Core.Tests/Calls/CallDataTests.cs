using System.Text.Json;
using Hookline.Core.Calls;

namespace Hookline.Core.Tests.Calls;

public class CallDataTests
{
    private static CallData FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return CallData.FromJson(document.RootElement);
    }

    [Fact]
    public void FromJson_ReadsStringsNumbersAndBooleans_AsText()
    {
        var call = FromJson("""{"ani": "7776734736", "dialed_time": 36, "visitor_lat": 34.153500, "repeat_caller": true, "ani_is_valid": false}""");
        Assert.Equal("7776734736", call.Values["ani"]);
        Assert.Equal("36", call.Values["dialed_time"]);
        Assert.Equal("34.153500", call.Values["visitor_lat"]);
        Assert.Equal("true", call.Values["repeat_caller"]);
        Assert.Equal("false", call.Values["ani_is_valid"]);
    }

    [Fact]
    public void FromJson_TakesNullAsAbsent_AndIgnoresKeysThatAreNoTokens()
    {
        var call = FromJson("""{"type": "call.begin", "ani": null, "tracking": "7774839229", "whatever": {"a": 1}}""");
        Assert.Equal(["tracking"], call.Values.Keys);
    }

    [Fact]
    public void FromJson_ReadsPromptResponsesAndTags()
    {
        var call = FromJson("""
            {"prompt_responses": [{"question": "one", "question_link": "http://a/1.wav", "response": 1}, {"question": "two"}],
             "tags": {"Region": "south", "Tier": 2, "Gone": null}}
            """);
        Assert.Equal([new PromptResponse("one", "http://a/1.wav", "1"), new PromptResponse("two", null, null)], call.PromptResponses);
        Assert.Equal(new Dictionary<string, string> { ["Region"] = "south", ["Tier"] = "2" }, call.Tags);
    }

    [Theory]
    [InlineData("""[1]""", "call")]
    [InlineData("""{"ani": {"a": 1}}""", "ani")]
    [InlineData("""{"ani": [1]}""", "ani")]
    [InlineData("""{"prompt_responses": "x"}""", "prompt_responses")]
    [InlineData("""{"prompt_responses": [1]}""", "prompt_responses")]
    [InlineData("""{"prompt_responses": [{"question": {}}]}""", "prompt_responses.question")]
    [InlineData("""{"tags": ["south"]}""", "tags")]
    [InlineData("""{"tags": {"Region": ["south"]}}""", "tags.Region")]
    public void FromJson_Throws_ForWrongShapes_NamingTheField(string json, string field)
    {
        var e = Assert.Throws<CallDataException>(() => FromJson(json));
        Assert.Equal(field, e.Field);
        Assert.Contains("must be", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_CopiesItsInputs()
    {
        var values = new Dictionary<string, string> { ["ani"] = "1" };
        var steps = new List<PromptResponse> { new("one", null, "1") };
        var tags = new Dictionary<string, string> { ["Region"] = "south" };
        var call = new CallData(values, steps, tags);
        values["ani"] = "2";
        steps.Clear();
        tags.Clear();
        Assert.Equal("1", call.Values["ani"]);
        Assert.Single(call.PromptResponses);
        Assert.Single(call.Tags);
    }

    [Fact]
    public void Constructor_DefaultsToNoStepsAndNoTags()
    {
        var call = new CallData(new Dictionary<string, string>());
        Assert.Empty(call.PromptResponses);
        Assert.Empty(call.Tags);
    }
}
