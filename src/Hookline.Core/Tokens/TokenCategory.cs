namespace Hookline.Core.Tokens;

/// <summary>When a data point is known: at call begin, at call end, for DNI calls, or always (the location).</summary>
public enum TokenCategory
{
    CallBegin,
    CallEnd,
    Dni,
    LocationInfo,
}
