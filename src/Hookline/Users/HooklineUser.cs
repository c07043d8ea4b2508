using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hookline.Users;

/// <summary>A person who signs in to the web UI: a user of one group, or an admin (no group), as API keys are.</summary>
public sealed class HooklineUser : IdentityUser
{
    public string? GroupId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public bool IsAdmin => GroupId is null;
}

internal sealed class HooklineUserConfiguration : IEntityTypeConfiguration<HooklineUser>
{
    public void Configure(EntityTypeBuilder<HooklineUser> builder)
    {
        builder.HasIndex(u => u.GroupId);
        builder.HasOne<Groups.Group>().WithMany().HasForeignKey(u => u.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
