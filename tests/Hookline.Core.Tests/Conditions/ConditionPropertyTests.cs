using System.Globalization;
using CsCheck;
using Hookline.Core.Calls;
using Hookline.Core.Conditions;

namespace Hookline.Core.Tests.Conditions;

/// <summary>The ops agree with their definitions for arbitrary values on both sides.</summary>
public class ConditionPropertyTests
{
    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.String[Gen.Char["0-9.-eE+ a"], 0, 6],
        Gen.Double[-1000, 1000].Select(d => d.ToString(CultureInfo.InvariantCulture)),
        Gen.Int[-50, 50].Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.OneOf("", "ANSWER", "answer", "NaN", "Infinity", "1,000", "0x10", " 5 "));

    private static Condition One(string op, string? value) =>
        ConditionSet.TryCompile([ConditionInput.Of("%answered_time%", op, value)], out var set, out _) ? set.Conditions[0] : throw new InvalidOperationException(op + " " + value);

    private static bool Number(string text, out double n) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out n) && double.IsFinite(n)
        && text.Trim().All(c => char.IsAsciiDigit(c) || c is '.' or '-' or '+' or 'e' or 'E');

    [Fact]
    public void Ops_MatchTheirDefinitions() => Gen.Select(Value, Value).Sample((actual, expected) =>
    {
        var call = TestCalls.With(("answered_time", actual));
        Assert.Equal(actual == expected, One("eq", expected).Holds(call, CallMoment.End));
        Assert.Equal(actual != expected, One("ne", expected).Holds(call, CallMoment.End));
        Assert.Equal(actual.Contains(expected, StringComparison.Ordinal), One("contains", expected).Holds(call, CallMoment.End));
        Assert.Equal(actual.Length == 0, One("empty", null).Holds(call, CallMoment.End));
        Assert.NotEqual(One("empty", null).Holds(call, CallMoment.End), One("notEmpty", null).Holds(call, CallMoment.End));
        if (Number(expected, out var b))
        {
            var numeric = Number(actual, out var a);
            Assert.Equal(numeric && a > b, One("gt", expected).Holds(call, CallMoment.End));
            Assert.Equal(numeric && a >= b, One("gte", expected).Holds(call, CallMoment.End));
            Assert.Equal(numeric && a < b, One("lt", expected).Holds(call, CallMoment.End));
            Assert.Equal(numeric && a <= b, One("lte", expected).Holds(call, CallMoment.End));
        }
        else
        {
            Assert.False(ConditionSet.TryCompile([ConditionInput.Of("%answered_time%", "gt", expected)], out _, out _));
        }
    });
}
