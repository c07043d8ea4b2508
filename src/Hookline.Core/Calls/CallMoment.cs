namespace Hookline.Core.Calls;

/// <summary>When a webhook is sent: at the beginning of the call or at its end.</summary>
public enum CallMoment
{
    Begin,
    End,
}
