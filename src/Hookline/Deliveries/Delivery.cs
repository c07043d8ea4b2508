using Hookline.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hookline.Deliveries;

/// <summary>
/// One body for one webhook, rendered when the call event was accepted and stored in the same transaction.
/// The dispatcher sends it until the receiver accepts it or the retry window closes.
/// </summary>
public sealed class Delivery : IGroupOwned
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public required string WebhookId { get; init; }
    public required string CallId { get; init; }

    /// <summary>
    /// The <see cref="Calls.PhoneCall.Key"/> of its call: an admin's and a group's events for one call id are two
    /// calls, and each has all its deliveries, in its own order.
    /// </summary>
    public required string CallKey { get; init; }

    /// <summary><c>begin</c>, <c>select</c> or <c>end</c>.</summary>
    public required string At { get; init; }

    /// <summary>Order among the deliveries of one call to one webhook: a later one waits for the earlier ones.</summary>
    public int Sequence { get; init; }

    /// <summary>What made it, unique per call and webhook (<c>campaign:end</c>, <c>option:1:select</c>), so a re-sent event adds nothing.</summary>
    public required string Trigger { get; init; }
    public required string ContentType { get; init; }
    public required byte[] Body { get; init; }

    /// <summary>The URL rendered for its call when the webhook's URL has tokens; null: the webhook's URL as it is.</summary>
    public string? Url { get; init; }

    /// <summary><c>pending</c>, <c>delivered</c> or <c>failed</c>.</summary>
    public string Status { get; set; } = DeliveryStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Where the retry window starts: creation, or a manual retry or recovery.</summary>
    public DateTimeOffset WindowStart { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Set while a worker holds the delivery; a lease that runs out makes it due again.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LeasedBy { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? LastError { get; set; }
}

public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> builder)
    {
        builder.ToTable("deliveries");
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => new { d.CallKey, d.WebhookId, d.Trigger }).IsUnique();
        builder.HasIndex(d => d.CallId);
        // The claim walks this in order and stops at its limit (DeliveryStore): the same cost at any backlog.
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt, d.CreatedAt });
        builder.HasIndex(d => new { d.WebhookId, d.Status, d.CreatedAt });
        builder.HasIndex(d => new { d.GroupId, d.CreatedAt });
        // Deleting a webhook (or its location) deletes its deliveries and their log.
        builder.HasOne<Webhooks.Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
    }
}
