namespace Hookline.Core.Conditions;

/// <summary>When a webhook fires: at the call's beginning, when the caller presses an IVR option, or at its end.</summary>
public enum ConditionMoment
{
    Begin,
    Select,
    End,
}
