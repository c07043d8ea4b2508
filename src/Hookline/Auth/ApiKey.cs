using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hookline.Auth;

/// <summary>An API key of one group, or an admin key (no group). Only the SHA-256 of the key is stored; the key itself is shown once.</summary>
public sealed class ApiKey
{
    public required string Id { get; init; }
    public string? GroupId { get; init; }
    public required string Name { get; set; }
    public required string KeyHash { get; init; }

    /// <summary>The first characters of the key, so a user can tell keys apart without the secret.</summary>
    public required string Prefix { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.HasIndex(k => k.GroupId);
        builder.Property(k => k.Name).HasMaxLength(200);
        builder.HasOne<Groups.Group>().WithMany().HasForeignKey(k => k.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
