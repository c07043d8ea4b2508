using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hookline.Calls;

/// <summary>
/// An event as received, kept as sent. Its key (type, and the question for a prompt) is unique per call,
/// which makes a re-sent event a no-op.
/// </summary>
public sealed class CallEvent
{
    public long Id { get; init; }
    /// <summary>The <see cref="PhoneCall.Key"/> of its call.</summary>
    public required string CallKey { get; init; }
    public required string Type { get; init; }
    public required string Key { get; init; }
    public required string Payload { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}

internal sealed class CallEventConfiguration : IEntityTypeConfiguration<CallEvent>
{
    public void Configure(EntityTypeBuilder<CallEvent> builder)
    {
        builder.ToTable("call_events");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.CallKey, e.Type, e.Key }).IsUnique();
    }
}
