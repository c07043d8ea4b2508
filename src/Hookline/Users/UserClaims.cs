using System.Security.Claims;
using Hookline.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Hookline.Users;

/// <summary>
/// The sign-in cookie's principal carries the claims an API key's does (<see cref="Caller.GroupClaim"/> or the
/// admin role), so every tenancy rule reads a person exactly as it reads a key.
/// </summary>
public sealed class UserClaims(UserManager<HooklineUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<HooklineUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(HooklineUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user).ConfigureAwait(false);
        identity.AddClaim(user.GroupId is null
            ? new Claim(Options.ClaimsIdentity.RoleClaimType, Caller.AdminRole)
            : new Claim(Caller.GroupClaim, user.GroupId));
        return identity;
    }
}
