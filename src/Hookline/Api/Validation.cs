using System.Globalization;

namespace Hookline.Api;

/// <summary>Collects field errors of one request; the answer is a 400 whose <c>errors</c> names each field.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    /// <summary>The messages so far, by field.</summary>
    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    /// <summary>A required text of at most <paramref name="maxLength"/> characters.</summary>
    public void Required(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, $"{field} is required.");
        else Optional(field, value, maxLength);
    }

    public void Optional(string field, string? value, int maxLength = 200)
    {
        if (value is null) return;
        if (TooLong(field, value, maxLength) is { } tooLong) Add(field, tooLong);
        else if (value.Any(char.IsControl)) Add(field, $"{field} must not contain control characters.");
    }

    /// <summary>
    /// The message for a text of more than <paramref name="maxLength"/> characters, or null. Characters are counted as
    /// people count them (grapheme clusters: 👍🏽 is one, although it is two code points and four UTF-16 units).
    /// </summary>
    public static string? TooLong(string field, string value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        // A text is never more characters than UTF-16 units: only a long one needs counting.
        if (value.Length <= maxLength) return null;
        var characters = new StringInfo(value).LengthInTextElements;
        return characters <= maxLength ? null : $"{field} is at most {maxLength} characters (got {characters}).";
    }

    public void OneOf(string field, string? value, params string[] allowed)
    {
        if (value is null) Add(field, $"{field} is required: one of {string.Join(", ", allowed)}.");
        else if (!allowed.Contains(value, StringComparer.Ordinal)) Add(field, $"{field} must be one of {string.Join(", ", allowed)} (got '{Clip(value)}').");
    }

    /// <summary>The failed outcome of these errors, for a service to return.</summary>
    public Failure ToFailure() => Outcome.Invalid(this);

    /// <summary>
    /// As <see cref="ToFailure"/>, but 422 when an error is on a field of API.md's "Additions to version 1" (whose
    /// validation errors are 422); the first version's fields keep their 400.
    /// </summary>
    public Failure ToFailure(IReadOnlyCollection<string> additions)
    {
        ArgumentNullException.ThrowIfNull(additions);
        var failure = ToFailure();
        return failure.Errors.Keys.Any(k => additions.Any(a => k == a || k.StartsWith(a + ".", StringComparison.Ordinal) || k.StartsWith(a + "[", StringComparison.Ordinal)))
            ? failure with { Kind = OutcomeKind.Unprocessable }
            : failure;
    }


    internal static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
