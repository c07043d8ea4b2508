using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hookline.Deliveries;

/// <summary>
/// A webhook's delivery health, kept by the dispatcher apart from the webhook's settings: every recorded batch writes
/// it, and the settings row (which the API edits, and whose version the send path's cache follows) is left alone.
/// A webhook without a row is up, with no failures.
/// </summary>
public sealed class WebhookHealth
{
    public required string WebhookId { get; init; }
    public bool IsDown { get; set; }
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public DateTimeOffset? LastFailureAt { get; set; }

    /// <summary>While down: when the next probe is due.</summary>
    public DateTimeOffset? NextProbeAt { get; set; }

    /// <summary>Changed by the batch being recorded (not stored).</summary>
    public bool Changed { get; set; }

    /// <summary>It was down and a delivery succeeded: its backlog is made due at once (not stored).</summary>
    public bool Recovered { get; set; }
}

internal sealed class WebhookHealthConfiguration : IEntityTypeConfiguration<WebhookHealth>
{
    public void Configure(EntityTypeBuilder<WebhookHealth> builder)
    {
        builder.ToTable("webhook_health");
        builder.HasKey(h => h.WebhookId);
        builder.Ignore(h => h.Changed);
        builder.Ignore(h => h.Recovered);
        builder.HasIndex(h => new { h.IsDown, h.NextProbeAt });
        builder.HasOne<Webhooks.Webhook>().WithOne().HasForeignKey<WebhookHealth>(h => h.WebhookId).OnDelete(DeleteBehavior.Cascade);
    }
}
