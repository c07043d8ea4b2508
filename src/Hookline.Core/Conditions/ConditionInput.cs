using System.Text.Json;

namespace Hookline.Core.Conditions;

/// <summary>
/// A condition as a client sends it: <c>{token, op, value}</c>, the value as JSON (a string, a number, a list of them
/// for <c>in</c>, or absent), checked by <see cref="ConditionSet.TryCompile"/>.
/// </summary>
public sealed record ConditionInput(string? Token, string? Op, JsonElement? Value = null)
{
    /// <summary>A condition with a text value (or none, for <c>empty</c> and <c>notEmpty</c>).</summary>
    public static ConditionInput Of(string? token, string? op, string? value = null) =>
        new(token, op, value is null ? null : JsonSerializer.SerializeToElement(value));

    /// <summary>A condition with a list of values, for <c>in</c>.</summary>
    public static ConditionInput OfList(string? token, string? op, IEnumerable<string> values) =>
        new(token, op, JsonSerializer.SerializeToElement(values));
}

/// <summary>
/// Why a condition cannot be used, keyed as the API keys it: <c>conditions[0].token</c>, <c>conditions[0].op</c>,
/// <c>conditions[0].value</c>, <c>conditions[0]</c> (not an object) or <c>conditions</c> (too many).
/// </summary>
public sealed record ConditionError(string Key, string Message);
