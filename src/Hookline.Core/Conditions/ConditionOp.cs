namespace Hookline.Core.Conditions;

/// <summary>
/// How a condition compares: text exactly (<c>eq</c>, <c>ne</c>, <c>contains</c>, <c>in</c>), numbers (<c>gt</c>,
/// <c>gte</c>, <c>lt</c>, <c>lte</c>: false when either side is no number), or presence (<c>empty</c>, <c>notEmpty</c>).
/// </summary>
public enum ConditionOp
{
    Eq,
    Ne,
    Contains,
    In,
    Gt,
    Gte,
    Lt,
    Lte,
    Empty,
    NotEmpty,
}

/// <summary>The API's names of the ops.</summary>
public static class ConditionOps
{
    /// <summary>Every op's name, in the API's order: eq, ne, contains, in, gt, gte, lt, lte, empty, notEmpty.</summary>
    public static IReadOnlyList<string> Names { get; } = ["eq", "ne", "contains", "in", "gt", "gte", "lt", "lte", "empty", "notEmpty"];

    public static string Name(ConditionOp op) => Names[(int)op];

    /// <summary>Finds an op by name, ignoring case (<c>notempty</c> is <c>notEmpty</c>).</summary>
    public static bool TryParse(string? name, out ConditionOp op)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                op = (ConditionOp)i;
                return true;
            }
        }

        op = default;
        return false;
    }

    internal static bool IsNumeric(this ConditionOp op) => op is ConditionOp.Gt or ConditionOp.Gte or ConditionOp.Lt or ConditionOp.Lte;

    internal static bool TakesNoValue(this ConditionOp op) => op is ConditionOp.Empty or ConditionOp.NotEmpty;
}
