using Microsoft.Extensions.Options;

namespace Hookline.Deliveries;

/// <summary>
/// The fast path from the intake to this node's dispatcher. The intake reserves room, writes the deliveries already
/// leased to <see cref="Node"/> in its own transaction, and hands them over in memory once that has committed: no
/// claim query for them. Its bound (<see cref="DeliveryOptions.HandOffCapacity"/>) is the most this node holds in
/// memory this way; past it, deliveries are written unleased and simply wait in the table for the claim.
/// </summary>
public sealed class DeliveryHandOff(IOptions<DeliveryOptions> options)
{
    private Action<IReadOnlyList<ClaimedDelivery>>? _receiver;
    private int _held;

    /// <summary>This node's name in leases.</summary>
    public string Node { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public TimeSpan LeaseDuration => options.Value.LeaseDuration;

    /// <summary>Room for up to <paramref name="wanted"/> deliveries, as many as are free; 0 when no dispatcher takes them.</summary>
    public int TryReserve(int wanted)
    {
        if (Volatile.Read(ref _receiver) is null || wanted <= 0) return 0;
        while (true)
        {
            var held = Volatile.Read(ref _held);
            var granted = Math.Min(wanted, options.Value.HandOffCapacity - held);
            if (granted <= 0) return 0;
            if (Interlocked.CompareExchange(ref _held, held + granted, held) == held) return granted;
        }
    }

    /// <summary>Gives back room reserved for deliveries that were not written (the transaction failed) or not leased.</summary>
    public void Cancel(int reserved) => Interlocked.Add(ref _held, -reserved);

    /// <summary>Hands over committed deliveries that were leased within a reservation. Without a dispatcher their leases run out.</summary>
    public void Deliver(IReadOnlyList<ClaimedDelivery> deliveries)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        if (deliveries.Count == 0) return;
        if (Volatile.Read(ref _receiver) is { } receiver) receiver(deliveries);
        else Cancel(deliveries.Count);
    }

    /// <summary>The dispatcher is done with handed-over deliveries (sent, or given back to the table).</summary>
    internal void Finished(int count) => Interlocked.Add(ref _held, -count);

    internal void Attach(Action<IReadOnlyList<ClaimedDelivery>>? receiver) => Volatile.Write(ref _receiver, receiver);
}
