using System.Globalization;
using System.Text.Json;
using Hookline.Core.Tokens;

namespace Hookline.Core.Conditions;

/// <summary>Checks one condition as sent, adding each problem under its API key, and builds it when there is none.</summary>
internal static class ConditionCompiler
{
    public const int MaxValueLength = 1000;
    public const int MaxValues = 100;

    private static readonly string OpList = string.Join(", ", ConditionOps.Names);

    public static Condition? Compile(ConditionInput? input, string key, List<ConditionError> errors)
    {
        if (input is null)
        {
            errors.Add(new ConditionError(key, "A condition is an object: {token, op, value}."));
            return null;
        }

        var before = errors.Count;
        var (token, tag) = ReadToken(input.Token, key + ".token", errors);
        var op = ReadOp(input.Op, key + ".op", errors);
        string? value = null;
        IReadOnlyList<string>? values = null;
        if (op is { } known)
        {
            (value, values) = ReadValue(known, input.Value, key + ".value", errors);
        }

        return errors.Count > before ? null : new Condition(token, tag, op!.Value, value, values);
    }

    private static (TokenInfo? Token, string? Tag) ReadToken(string? text, string key, List<ConditionError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new ConditionError(key, "token is required: a data point such as %answered_time%, or a tag such as %tags.Region%."));
            return default;
        }

        var name = text.Length > 2 && text[0] == '%' && text[^1] == '%' ? text[1..^1] : text;
        if (name.StartsWith("tags.", StringComparison.OrdinalIgnoreCase))
        {
            var tag = name[5..];
            if (tag.Length == 0 || tag.Any(c => char.IsControl(c) || c == '%') || tag.Length > MaxValueLength)
            {
                errors.Add(new ConditionError(key, $"{Clip(text)}: name the tag after 'tags.', as in %tags.Region% (one line, no '%')."));
                return default;
            }

            return (null, tag);
        }

        if (name.AsSpan().IndexOfAny(':', '|') >= 0 && TokenCatalog.TryGet(name[..name.AsSpan().IndexOfAny(':', '|')], out _))
        {
            errors.Add(new ConditionError(key, $"{Clip(text)}: a condition compares the value as the call gives it; modifiers and fallbacks are for templates and URLs."));
            return default;
        }

        if (!TokenCatalog.TryGet(name, out var token))
        {
            errors.Add(new ConditionError(key, $"{Clip(text)} is not a data point; see the list of data points, or name a tag as %tags.Region%."));
            return default;
        }

        if (token.IsNested || token.MemberOf is not null)
        {
            errors.Add(new ConditionError(key, token.Role switch
            {
                TokenRole.Tags => "%tags% is a set of pairs: name one tag, as in %tags.Region%.",
                TokenRole.PromptResponses => "%prompt_responses% is a list: a condition tests one value. A treatment option's webhooks fire for the option pressed.",
                _ => $"{token.Token} is a value of one IVR step, and a condition tests the call. A treatment option's webhooks fire for the option pressed.",
            }));
            return default;
        }

        return (token, null);
    }

    private static ConditionOp? ReadOp(string? text, string key, List<ConditionError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new ConditionError(key, $"op is required: one of {OpList}."));
            return null;
        }

        if (!ConditionOps.TryParse(text, out var op))
        {
            errors.Add(new ConditionError(key, $"'{Clip(text)}' is not an op; op is one of {OpList}."));
            return null;
        }

        return op;
    }

    private static (string? Value, IReadOnlyList<string>? Values) ReadValue(ConditionOp op, JsonElement? json, string key, List<ConditionError> errors)
    {
        var name = ConditionOps.Name(op);
        var present = json is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) };
        if (op.TakesNoValue())
        {
            if (present)
            {
                errors.Add(new ConditionError(key, $"{name} takes no value: it tests whether the token has one."));
            }

            return default;
        }

        if (!present)
        {
            errors.Add(new ConditionError(key, op == ConditionOp.In
                ? "in needs a list of values, as in [\"ANSWER\", \"BUSY\"]."
                : $"{name} needs a value: text, or a number."));
            return default;
        }

        var element = json!.Value;
        if (op == ConditionOp.In)
        {
            return (null, ReadList(element, key, errors));
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            errors.Add(new ConditionError(key, $"{name} takes one value; a list is for in."));
            return default;
        }

        if (Text(element) is not { } text)
        {
            errors.Add(new ConditionError(key, $"{name} compares with text or a number, not {Describe(element.ValueKind)}."));
            return default;
        }

        if (text.Length > MaxValueLength)
        {
            errors.Add(new ConditionError(key, string.Create(CultureInfo.InvariantCulture, $"A value is at most {MaxValueLength:N0} characters (got {text.Length:N0}).")));
            return default;
        }

        if (op.IsNumeric() && !ConditionNumber.TryRead(text, out _))
        {
            errors.Add(new ConditionError(key, $"{name} compares numbers: '{Clip(text)}' is not a number."));
            return default;
        }

        return (text, null);
    }

    private static List<string>? ReadList(JsonElement element, string key, List<ConditionError> errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ConditionError(key, "in takes a list of values, as in [\"ANSWER\", \"BUSY\"]."));
            return null;
        }

        var values = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            if (Text(item) is not { } text || text.Length > MaxValueLength)
            {
                errors.Add(new ConditionError(key, $"Each value of in is text or a number of at most {MaxValueLength:N0} characters."));
                return null;
            }

            values.Add(text);
        }

        if (values.Count is 0 or > MaxValues)
        {
            errors.Add(new ConditionError(key, $"in takes 1 to {MaxValues} values (got {values.Count})."));
            return null;
        }

        return values;
    }

    // A string as it is, a number as its text ("30", "2.50"); anything else is no value for a condition.
    private static string? Text(JsonElement element)
    {
        try
        {
            return element.ValueKind switch
            {
                JsonValueKind.String => element.GetString(),
                JsonValueKind.Number => element.GetRawText(),
                _ => null,
            };
        }
        catch (InvalidOperationException)
        {
            return null; // an escaped lone surrogate: no text
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "that",
    };

    private static string Clip(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
