using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hookline.Deliveries;

/// <summary>One try at sending a delivery: when, what came back, how long it took.</summary>
public sealed class DeliveryAttempt
{
    public long Id { get; init; }
    public required string DeliveryId { get; init; }
    public DateTimeOffset At { get; init; }
    public int? StatusCode { get; init; }
    public int DurationMs { get; init; }
    public string? Error { get; init; }
    public string? ResponseExcerpt { get; init; }
}

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> builder)
    {
        builder.ToTable("delivery_attempts");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => a.DeliveryId);
        builder.HasOne<Delivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
