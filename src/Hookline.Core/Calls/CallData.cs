using System.Text.Json;
using Hookline.Core.Tokens;

namespace Hookline.Core.Calls;

/// <summary>The data of one call: token values, IVR steps and campaign tags. Immutable.</summary>
public sealed class CallData
{
    // Values by token ordinal, so that rendering reads an array rather than hashing 77 keys.
    private readonly string?[] slots = new string?[TokenCatalog.All.Count];

    public CallData(
        IReadOnlyDictionary<string, string> values,
        IReadOnlyList<PromptResponse>? promptResponses = null,
        IReadOnlyDictionary<string, string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = new Dictionary<string, string>(values.Count, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (value is null)
            {
                continue;
            }

            copy[key] = value;
            if (TokenCatalog.TryGet(key, out var token) && token.Role == TokenRole.Scalar)
            {
                slots[token.Ordinal] = value;
            }
        }

        Values = copy;
        Steps = promptResponses is null ? [] : [.. promptResponses.Where(p => p is not null)];
        TagList = tags is null ? [] : [.. tags.Where(t => t.Key is not null && t.Value is not null)];
        Tags = TagList.ToDictionary(StringComparer.Ordinal);
    }

    /// <summary>Token key (without percent signs) to value.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The IVR steps, in order.</summary>
    public IReadOnlyList<PromptResponse> PromptResponses => Steps;

    /// <summary>The campaign's tags, e.g. Region: south.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    internal PromptResponse[] Steps { get; }

    internal KeyValuePair<string, string>[] TagList { get; }

    /// <summary>
    /// Reads the call-intake shape: an object keyed by token keys. Strings are taken as they are, numbers as
    /// their JSON text, booleans as true/false, null as absent; <c>prompt_responses</c> is an array of
    /// <c>{question, question_link, response}</c> and <c>tags</c> an object. Keys that are not tokens are ignored.
    /// </summary>
    /// <exception cref="CallDataException">A value has the wrong shape.</exception>
    public static CallData FromJson(JsonElement obj) => CallDataReader.Read(obj);

    internal string? ValueAt(int ordinal) => slots[ordinal];
}
