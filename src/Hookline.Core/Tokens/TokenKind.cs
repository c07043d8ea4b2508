namespace Hookline.Core.Tokens;

/// <summary>What a data point's value is, which decides the modifiers it takes (<c>%ani:e164%</c>, <c>%call_start_time:date%</c>).</summary>
public enum TokenKind
{
    Text,

    /// <summary>A telephone number: <c>ani</c>, <c>tracking</c>, <c>target</c>.</summary>
    Phone,

    /// <summary>A moment: <c>call_start_time</c>, <c>call_end_time</c>, <c>ani_updated_at</c>.</summary>
    Time,
}
