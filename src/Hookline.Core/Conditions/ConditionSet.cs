using System.Diagnostics.CodeAnalysis;
using Hookline.Core.Calls;
using Hookline.Core.Tokens;

namespace Hookline.Core.Conditions;

/// <summary>
/// A webhook's conditions, all of which must hold for a delivery to be made. Compiled once
/// (<see cref="TryCompile"/>), evaluated per call and moment (<see cref="FirstFailing"/>). Immutable.
/// </summary>
public sealed class ConditionSet
{
    public const int MaxConditions = 20;

    private ConditionSet(IReadOnlyList<Condition> conditions) => Conditions = conditions;

    /// <summary>No conditions: every call passes.</summary>
    public static ConditionSet None { get; } = new([]);

    public IReadOnlyList<Condition> Conditions { get; }

    /// <summary>
    /// Checks a webhook's conditions. On failure <paramref name="errors"/> holds every problem found, each keyed as the
    /// API keys it (<c>conditions[1].op</c>), so that a form can show them all at once.
    /// </summary>
    public static bool TryCompile(
        IReadOnlyList<ConditionInput?>? inputs,
        [NotNullWhen(true)] out ConditionSet? conditions,
        out IReadOnlyList<ConditionError> errors)
    {
        conditions = null;
        if (inputs is null || inputs.Count == 0)
        {
            conditions = None;
            errors = [];
            return true;
        }

        var found = new List<ConditionError>();
        if (inputs.Count > MaxConditions)
        {
            found.Add(new ConditionError("conditions", $"A webhook has at most {MaxConditions} conditions (got {inputs.Count})."));
            errors = found;
            return false;
        }

        var compiled = new List<Condition>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (ConditionCompiler.Compile(inputs[i], $"conditions[{i}]", found) is { } condition)
            {
                compiled.Add(condition);
            }
        }

        errors = found;
        if (found.Count > 0)
        {
            return false;
        }

        conditions = new ConditionSet(compiled);
        return true;
    }

    /// <summary>
    /// The first condition that does not hold for the call as known at a moment (for the skip log), or null when all
    /// hold and the delivery is to be made. Evaluate the call as the delivery would see it (after
    /// <see cref="CallData.ForDelivery"/> when <c>%event%</c> or <c>%lead_status%</c> are tested).
    /// </summary>
    public Condition? FirstFailing(CallData call, CallMoment at)
    {
        ArgumentNullException.ThrowIfNull(call);
        foreach (var condition in Conditions)
        {
            if (!condition.Holds(call, at))
            {
                return condition;
            }
        }

        return null;
    }

    /// <summary>
    /// The tokens these conditions use that have no value at a moment by their category, each once, in order: the
    /// <c>call_end</c> data points at <see cref="ConditionMoment.Begin"/> and <see cref="ConditionMoment.Select"/>
    /// (the call has not ended), none at <see cref="ConditionMoment.End"/>. For the wizard's warning that such a
    /// condition tests an empty value (<c>dni</c> data points may be empty too, but that depends on the call, not the moment).
    /// </summary>
    public IReadOnlyList<string> WithoutValueAt(ConditionMoment moment) => moment == ConditionMoment.End
        ? []
        : [.. Conditions.Where(c => c.DataPoint is { Category: TokenCategory.CallEnd }).Select(c => c.Token).Distinct(StringComparer.Ordinal)];
}
