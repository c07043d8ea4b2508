using Hookline.Auth;
using Hookline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hookline.Webhooks;

/// <summary>Where and how a location's call data is sent: URL, template, method, headers and success codes.</summary>
public sealed class Webhook : IGroupOwned
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public required string LocationId { get; init; }
    public required string Name { get; set; }
    public required string Url { get; set; }
    /// <summary>The template of its body; null for a GET (a pixel), which sends none.</summary>
    public string? TemplateId { get; set; }
    public required string Method { get; set; }

    /// <summary>Header rules; a secret rule's value is encrypted with Data Protection.</summary>
    public List<HeaderRule> Headers { get; set; } = [];
    public List<int> SuccessCodes { get; set; } = [];

    /// <summary>All must hold for a delivery to be made (<see cref="WebhookConditions"/>).</summary>
    public List<StoredCondition> Conditions { get; set; } = [];

    /// <summary><c>waitFor</c>: the data points an end delivery waits for, up to <see cref="WaitForSeconds"/>; none when it does not wait.</summary>
    public List<string> WaitForTokens { get; set; } = [];
    public int? WaitForSeconds { get; set; }

    /// <summary><c>sendUpdates</c>: a call's updates after its end delivery are sent too, when they change what the template uses.</summary>
    public bool SendUpdates { get; set; }

    /// <summary>How it authenticates to the receiver, beyond its headers; null: not at all.</summary>
    public ReceiverAuthRule? Auth { get; set; }

    /// <summary>Its own retry delays in seconds (the last repeats), or null for the defaults.</summary>
    public List<int>? RetrySchedule { get; set; }

    /// <summary>Its own retry window in seconds, or null for the default.</summary>
    public int? RetryWindowSeconds { get; set; }

    /// <summary>The most requests a second sent to it, all nodes together (docs/delivery.md, "Throttle"); null: as fast as the dispatcher goes.</summary>
    public int? MaxPerSecond { get; set; }

    /// <summary>The <c>whsec_</c> signing secret, encrypted with Data Protection.</summary>
    public required string ProtectedSigningSecret { get; set; }

    /// <summary>
    /// Set when the web UI made or rotated the signing secret and has not shown it yet; the first page that shows it
    /// clears it (<see cref="WebhookService.TakeUnseenSigningSecretAsync"/>). The API shows a new secret in its answer instead.
    /// </summary>
    public bool SigningSecretUnseen { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    // Its delivery health is kept apart, in Deliveries.WebhookHealth.
}

/// <summary>One HTTP header the webhook sends. <see cref="Value"/> is ciphertext when <see cref="Secret"/> is set.</summary>
public sealed class HeaderRule
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
    public bool Secret { get; set; }
}

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> builder)
    {
        builder.ToTable("webhooks");
        builder.HasKey(w => w.Id);
        builder.HasIndex(w => w.LocationId);
        builder.HasIndex(w => w.TemplateId);
        builder.Property(w => w.Headers).HasJsonConversion();
        builder.Property(w => w.SuccessCodes).HasJsonConversion();
        builder.Property(w => w.Conditions).HasJsonConversion();
        builder.Property(w => w.WaitForTokens).HasJsonConversion();
        builder.Property(w => w.Auth).HasNullableJsonConversion();
        builder.Property(w => w.RetrySchedule).HasNullableJsonConversion();
        builder.HasOne<Locations.Location>().WithMany().HasForeignKey(w => w.LocationId).OnDelete(DeleteBehavior.Cascade);
    }
}
