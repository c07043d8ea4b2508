using Hookline.Auth;
using Hookline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hookline.Treatments;

/// <summary>A call treatment (IVR menu): a question and the options a caller may press.</summary>
public sealed class Treatment : IGroupOwned
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public required string LocationId { get; init; }
    public required string Name { get; set; }
    public string? Question { get; set; }
    public string? QuestionLink { get; set; }
    public List<TreatmentOption> Options { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed class TreatmentOption
{
    public string Digit { get; set; } = "";
    public string Name { get; set; } = "";
    public List<OptionWebhook> Webhooks { get; set; } = [];
}

public sealed class OptionWebhook
{
    public string WebhookId { get; set; } = "";

    /// <summary><c>select</c> (when the press is reported) or <c>end</c> (when the call ends).</summary>
    public string At { get; set; } = "";
}

internal sealed class TreatmentConfiguration : IEntityTypeConfiguration<Treatment>
{
    public void Configure(EntityTypeBuilder<Treatment> builder)
    {
        builder.ToTable("treatments");
        builder.HasKey(t => t.Id);
        builder.HasIndex(t => t.LocationId);
        builder.Property(t => t.Options).HasJsonConversion();
        builder.HasOne<Locations.Location>().WithMany().HasForeignKey(t => t.LocationId).OnDelete(DeleteBehavior.Cascade);
    }
}
