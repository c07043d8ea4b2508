using System.Text.Json;
using Hookline.Core.Tokens;

namespace Hookline.Calls;

/// <summary>One validated intake event: its type, call id, dedupe key and data points (token key → value).</summary>
public sealed record CallEventRequest(string Type, string CallId, string Key, Dictionary<string, string> Values, string Payload)
{
    public const string Begin = "call.begin";
    public const string Prompt = "call.prompt";
    public const string End = "call.end";
    public const string Update = "call.update";
    public const int MaxBatch = 1000;
    public const int MaxCallIdLength = 200;

    /// <summary>The longest value of a data point, in characters (grapheme clusters: an emoji with its modifier is one).</summary>
    public const int MaxValueLength = 4096;

    /// <summary>Reads a body of one event or an array of events; errors are keyed by field (<c>[3].callid</c>).</summary>
    public static List<CallEventRequest>? Read(JsonElement body, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var single = body.ValueKind == JsonValueKind.Object;
        if (!single && body.ValueKind != JsonValueKind.Array)
        {
            errors["body"] = ["The body is one event object or an array of event objects."];
            return null;
        }
        var items = single ? [body] : body.EnumerateArray().ToList();
        if (items.Count is 0 or > MaxBatch)
        {
            errors["body"] = [$"A batch holds 1 to {MaxBatch} events (got {items.Count})."];
            return null;
        }
        var events = new List<CallEventRequest>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (ReadOne(items[i], single ? "" : $"[{i}].", errors) is { } e) events.Add(e);
        }
        return errors.Count == 0 ? events : null;
    }

    private static CallEventRequest? ReadOne(JsonElement item, string prefix, Dictionary<string, string[]> errors)
    {
        var here = prefix.Length == 0 ? "body" : prefix.TrimEnd('.');
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors[here] = ["An event is a JSON object."];
            return null;
        }
        // One pass over the members, by name: a name that is not text, or is given twice, is refused before any is read.
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in item.EnumerateObject())
        {
            if (!IsText(property))
                errors[here] = [$"{prefix}a member name holds an escaped lone surrogate (half of a UTF-16 pair), which is not text."];
            // Which of two would count? Templates refuse a member given twice; so does the intake.
            else if (!members.TryAdd(property.Name, property.Value))
                errors[prefix + property.Name] = [$"{prefix}{property.Name} is given twice."];
        }

        var type = members.TryGetValue("type", out var t) && t.ValueKind == JsonValueKind.String && Refused("type", t, 100) is null ? t.GetString() : null;
        if (type is not (Begin or Prompt or End or Update) && !errors.ContainsKey(prefix + "type"))
            errors[prefix + "type"] = [$"{prefix}type must be {Begin}, {Prompt}, {End} or {Update}."];
        string? callId = null;
        if (members.TryGetValue("callid", out var c) && c.ValueKind == JsonValueKind.String)
        {
            if (Refused(prefix + "callid", c, MaxCallIdLength) is { } refused) errors[prefix + "callid"] = [refused];
            else callId = c.GetString();
        }
        if (string.IsNullOrWhiteSpace(callId) && !errors.ContainsKey(prefix + "callid"))
            errors[prefix + "callid"] = [$"{prefix}callid is required: a string of at most {MaxCallIdLength} characters."];

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (callId is not null) values["callid"] = callId;
        foreach (var (name, value) in members)
        {
            if (name is "type" or "callid" || !TokenCatalog.TryGet(name, out var token)) continue;
            if (type == Update && token.Key == "tags")
            {
                CallUpdates.ReadTags(value, prefix, values, errors);
                continue;
            }
            if (token.Key is "tags" or "prompt_responses") continue; // derived from the campaign and the prompt events
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    if (Refused(prefix + name, value, MaxValueLength) is { } refused) errors[prefix + name] = [refused];
                    else values[token.Key] = value.GetString()!;
                    break;
                case JsonValueKind.Number:
                    values[token.Key] = value.GetRawText();
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    values[token.Key] = value.GetBoolean() ? "true" : "false";
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    errors[prefix + name] = [$"{prefix}{name} must be a string, number, boolean or null."];
                    break;
            }
        }
        if (type == Prompt && !values.ContainsKey("question") && !values.ContainsKey("response"))
            errors[prefix + "question"] = [$"{prefix}question or {prefix}response is required in a {Prompt} event."];
        if (errors.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal) || k == here || prefix.Length == 0)) return null;

        // A prompt is the same event when it answers the same question (or, without one, gives the same response).
        var key = type == Prompt ? "q:" + (values.GetValueOrDefault("question") ?? "r:" + values.GetValueOrDefault("response"))
            : type == Update ? CallUpdates.Key(values) : "";
        return new CallEventRequest(type!, callId!, key, values, item.GetRawText());
    }

    private static bool IsText(JsonProperty property)
    {
        try { return property.Name is not null; }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>
    /// Why a string value cannot be taken, or null: it escapes half of a surrogate pair (which .NET cannot hold as
    /// text), holds a NUL character (which PostgreSQL text cannot), or is longer than <paramref name="maxLength"/>
    /// characters, counted as people count them.
    /// </summary>
    private static string? Refused(string field, JsonElement value, int maxLength)
    {
        string text;
        try { text = value.GetString()!; }
        catch (InvalidOperationException) { return $"{field} holds an escaped lone surrogate (half of a UTF-16 pair), which is not text."; }
        if (text.Contains('\0', StringComparison.Ordinal)) return $"{field} must not contain the NUL character (\\u0000).";
        return Api.Validation.TooLong(field, text, maxLength);
    }
}
