namespace Hookline.Api;

/// <summary>What an operation of a feature's service came to; the API maps it to a status, the UI to a page.</summary>
public enum OutcomeKind
{
    Ok,

    /// <summary>Fields are wrong: <see cref="Failure.Errors"/> names each (400 on the API).</summary>
    Invalid,

    /// <summary>Well-formed but unusable content, such as a template that does not parse (422).</summary>
    Unprocessable,

    /// <summary>Missing, or another group's: the two look the same (404).</summary>
    NotFound,

    /// <summary>The change clashes with what is stored, such as a name already taken (409).</summary>
    Conflict,

    /// <summary>The caller may not do this at all, such as a group key creating a group (403).</summary>
    Forbidden,
}

/// <summary>
/// Why an operation did not happen. <see cref="Errors"/> is keyed by the field's JSON name (<c>name</c>,
/// <c>headers[0].value</c>), with the messages of <see cref="Validation"/>: the API returns them as they are and
/// the UI shows each beside its field.
/// </summary>
public sealed record Failure(OutcomeKind Kind, string Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>The messages of one field, empty when it has none.</summary>
    public IReadOnlyList<string> For(string field) => Errors.TryGetValue(field, out var messages) ? messages : [];
}

/// <summary>The result of an operation: a value, or a <see cref="Failure"/>. Both convert implicitly, so a service writes <c>return location;</c> or <c>return Outcome.NotFound("Location");</c>.</summary>
public readonly struct Outcome<T>
{
    private readonly T? _value;

    private Outcome(T value)
    {
        _value = value;
        Failure = null;
    }

    private Outcome(Failure failure)
    {
        _value = default;
        Failure = failure;
    }

    public Failure? Failure { get; }

    public bool IsOk => Failure is null;

    public OutcomeKind Kind => Failure?.Kind ?? OutcomeKind.Ok;

    /// <summary>The value of a successful outcome; reading it from a failed one is a defect.</summary>
    public T Value => IsOk ? _value! : throw new InvalidOperationException($"The outcome is {Kind}, not Ok: {Failure!.Detail}");

#pragma warning disable CA2225 // the named alternatives are Outcome.Ok and the Outcome failure factories
    public static implicit operator Outcome<T>(T value) => new(value);

    public static implicit operator Outcome<T>(Failure failure) => new(failure ?? throw new ArgumentNullException(nameof(failure)));
#pragma warning restore CA2225
}

/// <summary>A successful outcome with nothing to return (a delete).</summary>
public readonly record struct Done;

public static class Outcome
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public static Outcome<T> Ok<T>(T value) => value;

    public static Failure Invalid(Validation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        return new(OutcomeKind.Invalid, string.Join(" ", validation.Errors.SelectMany(e => e.Value)), validation.Errors);
    }

    public static Failure Invalid(string field, string message) =>
        new(OutcomeKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });

    public static Failure Unprocessable(string field, string message, string? detail = null) =>
        new(OutcomeKind.Unprocessable, detail ?? message, new Dictionary<string, string[]> { [field] = [message] });

    /// <param name="what">The kind of thing looked for, as a sentence starts it: "Location".</param>
    public static Failure NotFound(string what) => new(OutcomeKind.NotFound, $"{what} was not found.", NoErrors);

    /// <param name="field">The field whose value clashes, when one does (a user name already taken): the UI shows the detail beside it.</param>
    public static Failure Conflict(string detail, string? field = null) =>
        new(OutcomeKind.Conflict, detail, field is null ? NoErrors : new Dictionary<string, string[]> { [field] = [detail] });

    public static Failure Forbidden(string detail) => new(OutcomeKind.Forbidden, detail, NoErrors);
}
