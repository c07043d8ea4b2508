using Hookline.Core.Calls;

namespace Hookline.Calls;

/// <summary>The value of <c>%event%</c> for a delivery made at a moment (its <c>At</c>).</summary>
public static class DeliveryMoments
{
    public const string Update = "update";

    public static DeliveryEvent Event(string at) => at switch
    {
        "begin" => DeliveryEvent.CallBegin,
        "select" => DeliveryEvent.IvrSelect,
        Update => DeliveryEvent.CallUpdate,
        _ => DeliveryEvent.CallEnd,
    };
}
