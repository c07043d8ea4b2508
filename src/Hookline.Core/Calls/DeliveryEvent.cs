namespace Hookline.Core.Calls;

/// <summary>What a delivery reports, the value of <c>%event%</c>: <c>call_begin</c>, <c>call_end</c>, <c>call_update</c>, <c>ivr_select</c>.</summary>
public enum DeliveryEvent
{
    CallBegin,
    CallEnd,
    CallUpdate,
    IvrSelect,
}

/// <summary>Whether a delivery is the call's first to its webhook, the value of <c>%lead_status%</c>: <c>new</c> or <c>resend</c>.</summary>
public enum LeadStatus
{
    New,
    Resend,
}

/// <summary>The values of the delivery tokens as templates write them.</summary>
public static class DeliveryValues
{
    public static string Name(DeliveryEvent value) => value switch
    {
        DeliveryEvent.CallBegin => "call_begin",
        DeliveryEvent.CallEnd => "call_end",
        DeliveryEvent.CallUpdate => "call_update",
        DeliveryEvent.IvrSelect => "ivr_select",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown delivery event."),
    };

    public static string Name(LeadStatus value) => value switch
    {
        LeadStatus.New => "new",
        LeadStatus.Resend => "resend",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown lead status."),
    };
}
