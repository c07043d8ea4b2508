namespace Hookline.Webhooks;

/// <summary>
/// The services' field errors as the wizard places them: keyed by the API's field names, except that
/// <c>headers[i]…</c> (an index among the rows sent) becomes <c>rows[r]…</c> (the row on screen), and the
/// <c>template.</c> prefix of a mapping is dropped (its field is on the mapping step either way).
/// </summary>
public sealed class WizardErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public IEnumerable<string> Keys => _errors.Keys;

    public IReadOnlyList<string> For(string key) => _errors.TryGetValue(key, out var messages) ? messages : [];

    /// <summary>The id of a field's error element, for its input's aria-describedby, when it has errors.</summary>
    public string? DescribedBy(string key, string id) => _errors.ContainsKey(key) ? id + "-error" : null;

    public void Clear() => _errors.Clear();

    /// <param name="rows">The row of each header sent, in the order sent.</param>
    public void Set(IReadOnlyDictionary<string, string[]> errors, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(rows);
        _errors.Clear();
        foreach (var (key, messages) in errors) _errors[Place(key, rows)] = messages;
    }

    /// <summary>Mapping errors are keyed by field path: <c>mappings[first]</c>.</summary>
    public static string Mapping(string path) => $"mappings[{path}]";

    public static string Row(int row, string part) => $"rows[{row}].{part}";

    /// <summary>The step (0 to 3) where a field's error is shown, or null for one that no step has a field for.</summary>
    public static int? StepOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.StartsWith("mappings", StringComparison.Ordinal)) return 1;
        if (key is "name" or "url" or "templateId" || key.StartsWith("template.", StringComparison.Ordinal)) return 0;
        if (key.StartsWith("rows[", StringComparison.Ordinal) || key.StartsWith("headers", StringComparison.Ordinal) || key is "successCodes" or "method"
            || key.StartsWith("auth.", StringComparison.Ordinal) || key is "retrySchedule" or "maxPerSecond") return 2;
        if (key.StartsWith("conditions", StringComparison.Ordinal) || key.StartsWith("waitFor", StringComparison.Ordinal)) return 2;
        return null;
    }

    // The auth fields on screen are those of the type chosen; "Audience" has none (API only).
    private static bool IsAuthField(string key, WebhookDraft draft) => key == "auth.type" || draft.AuthType switch
    {
        ReceiverAuthRules.Basic => key is "auth.username" or "auth.password",
        ReceiverAuthRules.OAuth2 => key is "auth.tokenUrl" or "auth.clientId" or "auth.clientSecret" or "auth.scope",
        _ => false,
    };

    /// <summary>Whether a step shows the key's messages beside a field of its own (the others go above the form).</summary>
    public static bool IsPlaced(string key, int step, WebhookDraft draft, TemplateFields? fields)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(draft);
        return StepOf(key) == step && step switch
        {
            0 => key is "name" or "url" || (key == "templateId" && !draft.CreateTemplate)
                 || (draft.CreateTemplate && key is "template.name" or "template.groupId" or "template.type" or "template.format" or "template.timeZone"),
            1 => fields is not null && fields.Fields.Any(f => Mapping(f.Path) == key),
            2 => key is "headers" or "successCodes" or "method" or "retrySchedule" or "maxPerSecond" || IsAuthField(key, draft)
                 || (RowOf(key) is { } row && row < draft.Headers.Count)
                 || key is "conditions" or "waitFor.tokens" or "waitFor.maxSeconds" || key.StartsWith("waitFor.tokens[", StringComparison.Ordinal)
                 || (ConditionOf(key) is { } condition && condition < draft.Conditions.Count),
            _ => false,
        };
    }

    private static int? ConditionOf(string key)
    {
        if (!key.StartsWith("conditions[", StringComparison.Ordinal)) return null;
        var close = key.IndexOf(']', StringComparison.Ordinal);
        return close > 11 && int.TryParse(key.AsSpan(11, close - 11), out var row) ? row : null;
    }

    private static int? RowOf(string key)
    {
        if (!key.StartsWith("rows[", StringComparison.Ordinal)) return null;
        var close = key.IndexOf(']', StringComparison.Ordinal);
        return close > 5 && int.TryParse(key.AsSpan(5, close - 5), out var row) ? row : null;
    }

    private static string Place(string key, IReadOnlyList<int> rows)
    {
        if (key.StartsWith("template.mappings", StringComparison.Ordinal)) return key["template.".Length..];
        if (!key.StartsWith("headers[", StringComparison.Ordinal)) return key;
        var close = key.IndexOf(']', StringComparison.Ordinal);
        if (close < 0 || !int.TryParse(key.AsSpan(8, close - 8), out var index) || index < 0 || index >= rows.Count) return key;
        return $"rows[{rows[index]}]{key[(close + 1)..]}";
    }
}
