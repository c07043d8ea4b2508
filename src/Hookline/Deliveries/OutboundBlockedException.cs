namespace Hookline.Deliveries;

/// <summary>A webhook's host resolved only to addresses that the outbound rules refuse.</summary>
public sealed class OutboundBlockedException : Exception
{
    public const string Advice = "set Hookline__Delivery__AllowPrivateNetworks=true to allow";

    public OutboundBlockedException()
        : base("refused: the address is not public; " + Advice)
    {
    }

    public OutboundBlockedException(string message)
        : base(message)
    {
    }

    public OutboundBlockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
