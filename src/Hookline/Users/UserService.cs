using System.Security.Claims;
using Hookline.Api;
using Hookline.Auth;
using Hookline.Groups;
using Hookline.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Users;

public sealed record UserRequest(string? UserName, string? Password, string? GroupId);

/// <summary>The rules of people who sign in: only an admin manages them, from the API (admin key) or the Users page.</summary>
public sealed class UserService(HooklineDbContext db, UserManager<HooklineUser> users, TimeProvider time)
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;
    private const string UserNameCharacters = "-._@+";

    public async Task<Outcome<List<HooklineUser>>> ListAsync(ClaimsPrincipal caller, CancellationToken ct)
    {
        if (!caller.IsAdmin()) return Outcome.Forbidden("Only an admin may list users.");
        return await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>A user of <see cref="UserRequest.GroupId"/>, or an admin when it is null.</summary>
    public async Task<Outcome<HooklineUser>> CreateAsync(UserRequest request, ClaimsPrincipal caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!caller.IsAdmin()) return Outcome.Forbidden("Only an admin may create users.");
        var v = new Validation();
        ValidateUserName(v, request.UserName);
        ValidatePassword(v, request.Password);
        if (!v.IsValid) return v.ToFailure();
        if (request.GroupId is not null && await GroupService.Find(request.GroupId, caller, db, ct).ConfigureAwait(false) is null)
            return Outcome.NotFound("Group");
        var userName = request.UserName!.Trim();
        if (await users.FindByNameAsync(userName).ConfigureAwait(false) is not null)
            return Outcome.Conflict($"userName: '{Validation.Clip(userName)}' is already taken.", "userName");

        var user = new HooklineUser { Id = Ids.New("usr"), UserName = userName, GroupId = request.GroupId, CreatedAt = time.GetUtcNow() };
        var created = await users.CreateAsync(user, request.Password!).ConfigureAwait(false);
        return created.Succeeded ? user : FromIdentity(created);
    }

    public async Task<Outcome<Done>> DeleteAsync(string id, ClaimsPrincipal caller, CancellationToken ct)
    {
        if (!caller.IsAdmin()) return Outcome.Forbidden("Only an admin may delete users.");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct).ConfigureAwait(false);
        if (user is null) return Outcome.NotFound("User");
        if (user.GroupId is null && await db.Users.CountAsync(u => u.GroupId == null, ct).ConfigureAwait(false) == 1)
            return Outcome.Conflict("The last admin user cannot be deleted: add another admin first.");
        var deleted = await users.DeleteAsync(user).ConfigureAwait(false);
        return deleted.Succeeded ? new Done() : FromIdentity(deleted);
    }

    public static void ValidatePassword(Validation v, string? password)
    {
        ArgumentNullException.ThrowIfNull(v);
        v.Required("password", password, MaxPasswordLength);
        // Length is the one rule: composition rules make passwords worse, not stronger.
        if (!string.IsNullOrWhiteSpace(password) && password.Length < MinPasswordLength)
            v.Add("password", $"password must be at least {MinPasswordLength} characters (got {password.Length}).");
    }

    private static void ValidateUserName(Validation v, string? userName)
    {
        v.Required("userName", userName, 100);
        if (!string.IsNullOrWhiteSpace(userName) && userName.Trim().Any(c => !char.IsAsciiLetterOrDigit(c) && !UserNameCharacters.Contains(c, StringComparison.Ordinal)))
            v.Add("userName", $"userName may contain only letters, digits and {string.Join(" ", UserNameCharacters.ToCharArray())} (got '{Validation.Clip(userName)}').");
    }

    /// <summary>What Identity refused, keyed by the field it concerns.</summary>
    private static Failure FromIdentity(IdentityResult result)
    {
        var v = new Validation();
        foreach (var error in result.Errors)
            v.Add(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "userName", error.Description);
        return v.ToFailure();
    }
}
