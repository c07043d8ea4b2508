using System.Buffers;
using System.Text;
using System.Text.Json;
using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Core.Tokens;
using static Hookline.Core.Tests.Templates.Render;

namespace Hookline.Core.Tests.Templates;

public class JsonRenderTests
{
    private static JsonElement Value(string exampleValue, string value, CallMoment at = CallMoment.End) =>
        Json($$"""{"v": {{exampleValue}}}""", TestCalls.With(("ani", value)), at, Map(("v", "%ani%"))).GetProperty("v");

    [Theory]
    [InlineData("36")]
    [InlineData("-0.5")]
    [InlineData("1e5")]
    [InlineData("34.153500")]
    [InlineData("0")]
    public void Render_KeepsANumberExample_ANumber_ForANumericValue(string value)
    {
        var v = Value("0", value);
        Assert.Equal(JsonValueKind.Number, v.ValueKind);
        Assert.Equal(value, v.GetRawText());
    }

    [Theory]
    [InlineData("0123")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1.")]
    [InlineData("NaN")]
    [InlineData("12 (approx)")]
    public void Render_WritesAString_ForANumberExampleWithANonNumericValue(string value)
    {
        var v = Value("0", value);
        Assert.Equal(JsonValueKind.String, v.ValueKind);
        Assert.Equal(value, v.GetString());
    }

    [Theory]
    [InlineData("1e999")]
    [InlineData("-1e400")]
    [InlineData("1E+309")]
    [InlineData("0.0000001e316")]
    [InlineData("1.7976931348623159e308")]
    public void Render_WritesAString_ForANumberTooLargeForADouble(string value)
    {
        var v = Value("0", value);
        Assert.Equal(JsonValueKind.String, v.ValueKind);
        Assert.Equal(value, v.GetString());
    }

    [Fact]
    public void Render_WritesAString_ForAnIntegerTooLongForADouble()
    {
        var digits = "1" + new string('0', 399);
        Assert.Equal(digits, Value("0", digits).GetString());
        Assert.Equal(new string('9', 309), Value("0", new string('9', 309)).GetString());
        Assert.Equal("-" + digits, Value("0", "-" + digits).GetString());
    }

    [Theory]
    [InlineData("1.7976931348623157e308")]
    [InlineData("-1e308")]
    [InlineData("1e-400")]
    [InlineData("0e999999999999999999999")]
    [InlineData("123456789012345678901234567890")]
    public void Render_KeepsANumber_ThatADoubleHolds_EvenInexactly(string value)
    {
        var v = Value("0", value);
        Assert.Equal(JsonValueKind.Number, v.ValueKind);
        Assert.Equal(value, v.GetRawText());
    }

    [Fact]
    public void Render_KeepsAnIntegerOf308Digits_ANumber()
    {
        var digits = new string('9', 308);
        Assert.Equal(digits, Value("0", digits).GetRawText());
    }

    [Fact]
    public void Render_TypesTheResultOfText_AsAStringWhenItOverflows() =>
        Assert.Equal("1e3090", Json("""{"n": 0}""", TestCalls.With(("ring_count", "1e309")), map: Map(("n", "%ring_count%0"))).GetProperty("n").GetString());

    [Theory]
    [InlineData("true", true)]
    [InlineData("FALSE", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void Render_KeepsABooleanExample_ABoolean(string value, bool expected) =>
        Assert.Equal(expected, Value("false", value).GetBoolean());

    [Fact]
    public void Render_WritesAString_ForABooleanExampleWithAnotherValue() =>
        Assert.Equal("yes", Value("true", "yes").GetString());

    [Theory]
    [InlineData("0")]
    [InlineData("true")]
    public void Render_WritesNull_ForAnEmptyValueInATypedField(string example) =>
        Assert.Equal(JsonValueKind.Null, Value(example, "").ValueKind);

    [Theory]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("[]")]
    public void Render_WritesAString_ForOtherExamples_EvenWhenTheValueIsNumeric(string example) =>
        Assert.Equal("36", Value(example, "36").GetString());

    [Fact]
    public void Render_WritesNull_ForCallEndTokenAtBegin()
    {
        var call = TestCalls.With(("dialed_time", "36"), ("ani", "1"));
        var body = Json("""{"d": 0, "a": "%ani%"}""", call, CallMoment.Begin, Map(("d", "%dialed_time%")));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("d").ValueKind);
        Assert.Equal("1", body.GetProperty("a").GetString());
        Assert.Equal(36, Json("""{"d": 0}""", call, CallMoment.End, Map(("d", "%dialed_time%"))).GetProperty("d").GetInt32());
    }

    [Fact]
    public void Render_WritesNull_ForADniTokenAbsentFromTheCall() =>
        Assert.Equal(JsonValueKind.Null, Json("""{"g": "%gclid%"}""", TestCalls.With(("ani", "1"))).GetProperty("g").ValueKind);

    [Fact]
    public void Render_SubstitutesNothing_ForAnAbsentValueInText()
    {
        var body = Json("""{"s": "Call from %ani_first_name% %ani_last_name% (%dialed_time%s)"}""", TestCalls.With(("ani_first_name", "Freddy"), ("dialed_time", "36")), CallMoment.Begin);
        Assert.Equal("Call from Freddy  (s)", body.GetProperty("s").GetString());
    }

    [Fact]
    public void Render_TypesTheResultOfText_LikeAnyValue() =>
        Assert.Equal(360, Json("""{"n": 0}""", TestCalls.With(("ring_count", "36")), map: Map(("n", "%ring_count%0"))).GetProperty("n").GetInt32());

    [Fact]
    public void Render_KeepsUnmappedFields_AsTheExampleHasThem()
    {
        const string format = """{"s": "x\"y", "n": 12.50, "b": true, "z": null, "o": {}, "a": [], "l": [1, "two", {"k": false}]}""";
        var body = Text(TemplateType.Json, format, ExampleCall.Call);
        Assert.Equal("""{"s":"x\"y","n":12.50,"b":true,"z":null,"o":{},"a":[],"l":[1,"two",{"k":false}]}""", body);
    }

    [Fact]
    public void Render_WritesPromptResponses_AsAnArrayOfSteps()
    {
        var call = new CallData(new Dictionary<string, string>(), [new("one", "http://a/1.wav", "1"), new("two", null, "2")]);
        var body = Text(TemplateType.Json, """{"steps": []}""", call, CallMoment.End, Map(("steps", "%prompt_responses%")));
        Assert.Equal("""{"steps":[{"question":"one","question_link":"http://a/1.wav","response":"1"},{"question":"two","question_link":null,"response":"2"}]}""", body);
    }

    [Fact]
    public void Render_WritesNull_ForPromptResponsesAtBegin_AndAnEmptyArrayForNoSteps()
    {
        Assert.Equal(JsonValueKind.Null, Json("""{"s": "%prompt_responses%"}""", TestCalls.WithSteps(2), CallMoment.Begin).GetProperty("s").ValueKind);
        Assert.Equal(0, Json("""{"s": "%prompt_responses%"}""", TestCalls.WithSteps(0)).GetProperty("s").GetArrayLength());
    }

    [Fact]
    public void Render_WritesTags_AsAnObject()
    {
        var body = Text(TemplateType.Json, """{"t": {}, "u": "%tags%"}""", TestCalls.WithTags(("Region", "south"), ("a \"b\"", "<c>")), CallMoment.Begin, Map(("t", "%tags%")));
        Assert.Equal("""{"t":{"Region":"south","a \"b\"":"<c>"},"u":{"Region":"south","a \"b\"":"<c>"}}""", body);
        Assert.Equal("""{"t":{}}""", Text(TemplateType.Json, """{"t": "%tags%"}""", TestCalls.With()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Render_RepeatsAnArrayElement_OncePerStep(int steps)
    {
        const string format = """{"callid": "%callid%", "steps": [{"n": "%question%", "pressed": 0, "audio": {"url": "%question_link%"}, "call": "%callid%"}]}""";
        var body = Json(format, TestCalls.WithSteps(steps, ("callid", "c1")), map: Map(("steps[].pressed", "%response%")));
        var items = body.GetProperty("steps").EnumerateArray().ToArray();
        Assert.Equal(steps, items.Length);
        for (var i = 0; i < steps; i++)
        {
            Assert.Equal($"q{i + 1}", items[i].GetProperty("n").GetString());
            Assert.Equal(i + 1, items[i].GetProperty("pressed").GetInt32());
            Assert.Equal($"http://audio.example.com/{i + 1}.wav", items[i].GetProperty("audio").GetProperty("url").GetString());
            Assert.Equal("c1", items[i].GetProperty("call").GetString());
        }
    }

    [Fact]
    public void Render_RepeatsTheFirstElementAsShape_IgnoringTheExamplesOthers()
    {
        const string format = """{"steps": [{"q": "%question%", "x": 1}, {"q": "second", "x": 2}, {"q": "third"}]}""";
        Assert.Equal("""{"steps":[{"q":"q1","x":1},{"q":"q2","x":1}]}""", Text(TemplateType.Json, format, TestCalls.WithSteps(2)));
    }

    [Fact]
    public void Render_WritesNoStep_AtBegin() =>
        Assert.Equal("""{"steps":[]}""", Text(TemplateType.Json, """{"steps": [{"q": "%question%"}]}""", TestCalls.WithSteps(3), CallMoment.Begin));

    [Fact]
    public void Render_RepeatsATopLevelArray_AndStepsOfScalars()
    {
        Assert.Equal("""[{"r":"1"},{"r":"2"}]""", Text(TemplateType.Json, """[{"r": "%response%"}]""", TestCalls.WithSteps(2)));
        Assert.Equal("""{"answers":[1,2]}""", Text(TemplateType.Json, """{"answers": [0]}""", TestCalls.WithSteps(2), map: Map(("answers[]", "%response%"))));
    }

    [Fact]
    public void Render_KeepsEachExampleElement_OfAnArrayWithoutStepMembers()
    {
        const string format = """{"phones": [{"type": "mobile", "number": "%ani%"}, {"type": "office", "number": "%tracking%"}]}""";
        var body = Text(TemplateType.Json, format, TestCalls.With(("ani", "1"), ("tracking", "2")));
        Assert.Equal("""{"phones":[{"type":"mobile","number":"1"},{"type":"office","number":"2"}]}""", body);

        // An explicit mapping applies to every element.
        var mapped = Text(TemplateType.Json, format, TestCalls.With(("ani", "1"), ("tracking", "2")), map: Map(("phones[].number", "%ani%")));
        Assert.Equal("""{"phones":[{"type":"mobile","number":"1"},{"type":"office","number":"1"}]}""", mapped);
    }

    [Theory]
    [InlineData("quote \" and backslash \\")]
    [InlineData("<script>&amp;</script> ]]>")]
    [InlineData("line\nbreak\r\ttab")]
    [InlineData("control \u0001\u001f\u007f")]
    [InlineData("emoji 😀 and José, Zoë, 北京")]
    [InlineData("\u2028\u2029")]
    [InlineData("%ani% stays text")]
    public void Render_WritesWellFormedJson_WhateverTheValueHolds(string hostile)
    {
        var call = TestCalls.WithSteps(1, ("ani", hostile), ("ani_first_name", hostile));
        var body = Json("""{"a": "%ani%", "n": 0, "s": "x %ani_first_name% y", "t": "%tags%"}""", call, map: Map(("n", "%ani%")));
        Assert.Equal(hostile, body.GetProperty("a").GetString());
        Assert.Equal(hostile, body.GetProperty("n").GetString());
        Assert.Equal($"x {hostile} y", body.GetProperty("s").GetString());
    }

    [Fact]
    public void Render_WritesALoneSurrogate_AsTheReplacementCharacter() =>
        Assert.Equal("a\uFFFDb", Json("""{"a": "%ani%"}""", TestCalls.With(("ani", "a\uD800b"))).GetProperty("a").GetString());

    [Fact]
    public void Render_WritesNonAsciiText_AsUtf8RatherThanEscapes() =>
        Assert.Equal("""{"a":"José <&>"}""", Text(TemplateType.Json, """{"a": "%ani%"}""", TestCalls.With(("ani", "José <&>"))));

    [Fact]
    public void Render_IntoABufferWriter_AllocatesNothing_WhateverTheNumbers()
    {
        var compiled = Template.Parse(TemplateType.Json, """{"a": "%ani%", "n": 0, "big": 0, "text": 0, "e": 0}""")
            .Compile(Map(("n", "%ring_count%"), ("big", "%dialed_time%"), ("text", "%answered_time%"), ("e", "%ring_count%e2")));
        var call = TestCalls.With(("ani", "7776734736"), ("ring_count", "36"), ("dialed_time", "1e999"), ("answered_time", new string('9', 400)));
        var buffer = new ArrayBufferWriter<byte>(4096);
        compiled.Render(call, CallMoment.End, buffer); // the thread's writer and buffers are made once

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            buffer.ResetWrittenCount();
            compiled.Render(call, CallMoment.End, buffer);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Contains("\"big\":\"1e999\",", Encoding.UTF8.GetString(buffer.WrittenSpan), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_IntoABufferWriter_AppendsTheSameBody()
    {
        var compiled = Template.Parse(TemplateType.Json, """{"a": "%ani%", "steps": "%prompt_responses%"}""").Compile(Map());
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("prefix:"u8);
        compiled.Render(ExampleCall.Call, CallMoment.End, buffer);
        Assert.Equal("prefix:" + Encoding.UTF8.GetString(compiled.Render(ExampleCall.Call, CallMoment.End)), Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
