using Hookline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hookline.Calls;

/// <summary>
/// One phone call as the telephony side reported it: its data points merged from its events, its IVR steps,
/// and what its tracking number resolved to (nothing, for an unknown number).
/// </summary>
public sealed class PhoneCall
{
    /// <summary>
    /// The call's key: the telephony side's <c>callid</c> for events posted with an admin key, and
    /// <c>{groupId}:{callid}</c> for a group's key, so one group's events can never reach another's calls.
    /// </summary>
    public required string Key { get; init; }

    /// <summary>The telephony side's call id (<c>callid</c>), as sent.</summary>
    public required string CallId { get; init; }
    public string? Tracking { get; set; }
    public string? GroupId { get; set; }
    public string? LocationId { get; set; }
    public string? CampaignId { get; set; }

    /// <summary>Data points by token key (without <c>%</c>), from the begin, end and prompt events.</summary>
    public Dictionary<string, string> Values { get; set; } = [];

    /// <summary>
    /// Data points from <c>call.update</c> events, merged in arrival order, laid over <see cref="Values"/> whenever the
    /// begin or end came; tags set by an update are kept as <c>tags.Name</c>.
    /// </summary>
    public Dictionary<string, string> Updates { get; set; } = [];
    public List<PromptStep> Prompts { get; set; } = [];
    public bool Begun { get; set; }
    public bool Ended { get; set; }

    /// <summary>When an end came before its begin: the moment it is processed alone if the begin never comes.</summary>
    public DateTimeOffset? HeldEndUntil { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: two requests that change one call at once cannot both win.</summary>
    public int Version { get; set; }
}

public sealed class PromptStep
{
    public string? Question { get; set; }
    public string? QuestionLink { get; set; }
    public string? Response { get; set; }
}

internal sealed class CallConfiguration : IEntityTypeConfiguration<PhoneCall>
{
    public void Configure(EntityTypeBuilder<PhoneCall> builder)
    {
        builder.ToTable("calls");
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Values).HasJsonConversion();
        builder.Property(c => c.Prompts).HasJsonConversion();
        builder.Property(c => c.Updates).HasJsonConversion();
        builder.HasIndex(c => c.HeldEndUntil);
        builder.HasIndex(c => c.GroupId);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}
