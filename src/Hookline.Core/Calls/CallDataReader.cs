using System.Text.Json;
using Hookline.Core.Tokens;

namespace Hookline.Core.Calls;

/// <summary>Reads <see cref="CallData"/> from the JSON shape of the call intake.</summary>
internal static class CallDataReader
{
    public static CallData Read(JsonElement obj)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new CallDataException("call", $"A call must be a JSON object, not {Describe(obj.ValueKind)}.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        List<PromptResponse>? steps = null;
        Dictionary<string, string>? tags = null;
        foreach (var member in obj.EnumerateObject())
        {
            if (!TokenCatalog.TryGet(member.Name, out var token))
            {
                continue; // "type", "callid" of other systems, anything else: not data points
            }

            switch (token.Role)
            {
                case TokenRole.PromptResponses:
                    steps = ReadSteps(member.Name, member.Value);
                    break;
                case TokenRole.Tags:
                    tags = ReadTags(member.Name, member.Value);
                    break;
                default:
                    if (Text(member.Name, member.Value) is { } text)
                    {
                        values[token.Key] = text;
                    }

                    break;
            }
        }

        return new CallData(values, steps, tags);
    }

    private static List<PromptResponse>? ReadSteps(string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new CallDataException(field, $"'{field}' must be an array of {{question, question_link, response}} objects, not {Describe(value.ValueKind)}.");
        }

        var steps = new List<PromptResponse>();
        foreach (var step in value.EnumerateArray())
        {
            if (step.ValueKind != JsonValueKind.Object)
            {
                throw new CallDataException(field, $"Each item of '{field}' must be an object with question, question_link and response, not {Describe(step.ValueKind)}.");
            }

            steps.Add(new PromptResponse(Member(field, step, "question"), Member(field, step, "question_link"), Member(field, step, "response")));
        }

        return steps;
    }

    private static string? Member(string field, JsonElement step, string name) =>
        step.TryGetProperty(name, out var value) ? Text($"{field}.{name}", value) : null;

    private static Dictionary<string, string>? ReadTags(string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new CallDataException(field, $"'{field}' must be an object of names to text values, not {Describe(value.ValueKind)}.");
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in value.EnumerateObject())
        {
            if (Text($"{field}.{tag.Name}", tag.Value) is { } text)
            {
                tags[tag.Name] = text;
            }
        }

        return tags;
    }

    private static string? Text(string field, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => String(field, value),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => null,
        _ => throw new CallDataException(field, $"'{field}' must be text, a number or a boolean, not {Describe(value.ValueKind)}."),
    };

    /// <summary>The string, or a clear error for one that escapes half of a surrogate pair (<c>"\ud800"</c>), which .NET cannot hold as text.</summary>
    private static string String(string field, JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new CallDataException(field, $"'{field}' holds an escaped lone surrogate (half of a UTF-16 pair), which is not text.");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
