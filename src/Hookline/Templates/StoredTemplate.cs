using Hookline.Auth;
using Hookline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hookline.Templates;

/// <summary>A customer's template: the example body as typed, and the field mappings set on it.</summary>
public sealed class StoredTemplate : IGroupOwned
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public required string Name { get; set; }

    /// <summary><c>json</c>, <c>xml</c> or <c>form</c>.</summary>
    public required string Type { get; init; }
    public required string Format { get; init; }

    /// <summary>The IANA zone its time tokens are written in; null (templates made before zones): UTC.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Explicit mappings, field path to token expression; inline tokens of the format are not repeated here.</summary>
    public Dictionary<string, string?> Mappings { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class StoredTemplateConfiguration : IEntityTypeConfiguration<StoredTemplate>
{
    public void Configure(EntityTypeBuilder<StoredTemplate> builder)
    {
        builder.ToTable("templates");
        builder.HasKey(t => t.Id);
        builder.HasIndex(t => t.GroupId);
        builder.Property(t => t.Mappings).HasJsonConversion();
        builder.HasOne<Groups.Group>().WithMany().HasForeignKey(t => t.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
