using Hookline.Auth;
using Hookline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hookline.Campaigns;

/// <summary>
/// An offline (print, radio, TV) or digital (DNI) campaign: its tracking numbers, tags, optional call
/// treatment, and the webhooks it fires at the beginning or the end of a call.
/// </summary>
public sealed class Campaign : IGroupOwned
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public required string LocationId { get; init; }
    public required string Name { get; set; }

    /// <summary><c>offline</c> or <c>digital</c>.</summary>
    public required string Kind { get; set; }
    public string? TreatmentId { get; set; }
    public Dictionary<string, string> Tags { get; set; } = [];
    public List<CampaignWebhook> Webhooks { get; set; } = [];
    public List<TrackingNumber> TrackingNumbers { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed class CampaignWebhook
{
    public string WebhookId { get; set; } = "";

    /// <summary><c>begin</c> or <c>end</c>.</summary>
    public string At { get; set; } = "";
}

/// <summary>A tracking phone number; it belongs to one campaign at a time (the primary key enforces it).</summary>
public sealed class TrackingNumber
{
    public required string Number { get; init; }
    public required string CampaignId { get; init; }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("campaigns");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => c.LocationId);
        builder.Property(c => c.Tags).HasJsonConversion();
        builder.Property(c => c.Webhooks).HasJsonConversion();
        builder.HasMany(c => c.TrackingNumbers).WithOne().HasForeignKey(n => n.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Locations.Location>().WithMany().HasForeignKey(c => c.LocationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TrackingNumberConfiguration : IEntityTypeConfiguration<TrackingNumber>
{
    public void Configure(EntityTypeBuilder<TrackingNumber> builder)
    {
        builder.ToTable("tracking_numbers");
        builder.HasKey(n => n.Number);
        builder.HasIndex(n => n.CampaignId);
    }
}
