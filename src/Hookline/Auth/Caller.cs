using System.Security.Claims;

namespace Hookline.Auth;

/// <summary>Who is calling: an admin key (every group) or a key of one group.</summary>
public static class Caller
{
    public const string GroupClaim = "hookline:group";
    public const string AdminRole = "admin";

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(AdminRole);

    /// <summary>The caller's group, or null for an admin key.</summary>
    public static string? GroupId(this ClaimsPrincipal user) => user.FindFirstValue(GroupClaim);

    /// <summary>Whether a resource of <paramref name="groupId"/> exists for this caller; if not, it answers 404.</summary>
    public static bool CanSee(this ClaimsPrincipal user, string groupId) =>
        user.IsAdmin() || string.Equals(user.GroupId(), groupId, StringComparison.Ordinal);
}
