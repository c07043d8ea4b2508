using System.Globalization;
using Hookline.Core.Calls;
using Hookline.Core.Tokens;

namespace Hookline.Core.Conditions;

/// <summary>
/// One compiled condition: a data point (<c>%answered_time%</c>) or a tag (<c>%tags.Region%</c>), an op, and its value
/// (<see cref="Value"/>) or values (<see cref="Values"/>, for <c>in</c>). Immutable.
/// </summary>
public sealed class Condition
{
    private readonly double number;

    internal Condition(TokenInfo? token, string? tag, ConditionOp op, string? value, IReadOnlyList<string>? values)
    {
        DataPoint = token;
        Tag = tag;
        Op = op;
        Value = value;
        Values = values;
        Token = token?.Token ?? $"%tags.{tag}%";
        if (op.IsNumeric())
        {
            ConditionNumber.TryRead(value, out number);
        }
    }

    /// <summary>The token in its canonical spelling: <c>%answered_time%</c>, <c>%tags.Region%</c>.</summary>
    public string Token { get; }

    public ConditionOp Op { get; }

    /// <summary>The op as the API names it: <c>gte</c>, <c>notEmpty</c>.</summary>
    public string OpName => ConditionOps.Name(Op);

    /// <summary>The value compared with, as text (a number as its text); null for <c>in</c>, <c>empty</c> and <c>notEmpty</c>.</summary>
    public string? Value { get; }

    /// <summary>The values of <c>in</c>; null for every other op.</summary>
    public IReadOnlyList<string>? Values { get; }

    /// <summary>The data point tested, or null for a tag.</summary>
    public TokenInfo? DataPoint { get; }

    /// <summary>The tag's name, for <c>%tags.Region%</c>; otherwise null.</summary>
    public string? Tag { get; }

    /// <summary>Whether the condition holds for a call as known at a moment; a token without a value there is empty.</summary>
    public bool Holds(CallData call, CallMoment at)
    {
        ArgumentNullException.ThrowIfNull(call);
        var actual = (Tag is null ? call.ValueOf(DataPoint!, at) : call.Tags.GetValueOrDefault(Tag)) ?? "";
        return Op switch
        {
            ConditionOp.Eq => actual == Value,
            ConditionOp.Ne => actual != Value,
            ConditionOp.Contains => actual.Contains(Value!, StringComparison.Ordinal),
            ConditionOp.In => Values!.Contains(actual, StringComparer.Ordinal),
            ConditionOp.Empty => actual.Length == 0,
            ConditionOp.NotEmpty => actual.Length > 0,
            _ => ConditionNumber.TryRead(actual, out var n) && Op switch
            {
                ConditionOp.Gt => n > number,
                ConditionOp.Gte => n >= number,
                ConditionOp.Lt => n < number,
                _ => n <= number,
            },
        };
    }

    public override string ToString() =>
        $"{Token} {OpName}{(Values is null ? Value is null ? "" : " " + Value : " [" + string.Join(", ", Values) + "]")}";
}

/// <summary>Numbers as conditions read them: decimal text (<c>30</c>, <c>-1.5</c>, <c>2e3</c>), in the invariant culture; not NaN, not infinity.</summary>
internal static class ConditionNumber
{
    public static bool TryRead(string? text, out double number)
    {
        number = 0;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty || !IsDecimal(span))
        {
            return false;
        }

        return double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
    }

    // [+-]digits[.digits][e[+-]digits], or .digits: what people write for a number; no "Infinity", "NaN" or hex.
    private static bool IsDecimal(ReadOnlySpan<char> s)
    {
        var i = s[0] is '+' or '-' ? 1 : 0;
        var digits = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++, digits++)
        {
        }

        if (i < s.Length && s[i] == '.')
        {
            for (i++; i < s.Length && char.IsAsciiDigit(s[i]); i++, digits++)
            {
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-')
            {
                i++;
            }

            var exponent = i;
            for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
            {
            }

            if (i == exponent)
            {
                return false;
            }
        }

        return i == s.Length;
    }
}
