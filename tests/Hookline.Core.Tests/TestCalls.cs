using Hookline.Core.Calls;

namespace Hookline.Core.Tests;

/// <summary>Builds small calls for tests.</summary>
internal static class TestCalls
{
    public static CallData With(params (string Key, string Value)[] values) =>
        new(values.ToDictionary(v => v.Key, v => v.Value));

    public static CallData WithSteps(int count, params (string Key, string Value)[] values) =>
        new(
            values.ToDictionary(v => v.Key, v => v.Value),
            [.. Enumerable.Range(1, count).Select(i => new PromptResponse($"q{i}", $"http://audio.example.com/{i}.wav", $"{i}"))]);

    public static CallData WithTags(params (string Name, string Value)[] tags) =>
        new(new Dictionary<string, string>(), null, tags.ToDictionary(t => t.Name, t => t.Value));
}
