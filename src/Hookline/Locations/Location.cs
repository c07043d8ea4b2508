using Hookline.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hookline.Locations;

/// <summary>One store or branch of a group; its fields are the <c>location_info</c> data points.</summary>
public sealed class Location : IGroupOwned
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public required string Name { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? Zip { get; set; }
    public string? AccountId { get; set; }
    public string? ExternalLocationId { get; set; }
    public string? SiteId { get; set; }
    public string? DomainId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> builder)
    {
        builder.ToTable("locations");
        builder.HasKey(l => l.Id);
        builder.HasIndex(l => l.GroupId);
        builder.HasOne<Groups.Group>().WithMany().HasForeignKey(l => l.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
