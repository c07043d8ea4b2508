namespace Hookline.Core.Tokens;

/// <summary>
/// When a data point is known: at call begin, at call end, for DNI calls, always (the location), or per delivery
/// (<c>%event%</c>, <c>%lead_status%</c>, which the server supplies for each delivery rather than the call's intake).
/// </summary>
public enum TokenCategory
{
    CallBegin,
    CallEnd,
    Dni,
    LocationInfo,
    Delivery,
}
