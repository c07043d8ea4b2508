using Microsoft.AspNetCore.Identity;

namespace Hookline.Users;

/// <summary>Signs a person in with the sign-in cookie; a wrong name and a wrong password look the same.</summary>
public sealed class SignInService(SignInManager<HooklineUser> signIn, UserManager<HooklineUser> users, IPasswordHasher<HooklineUser> hasher)
{
    private static readonly HooklineUser Nobody = new() { UserName = "nobody" };
    private static string? _nobodysHash;

    /// <returns>Whether the person is now signed in. Five failures in a row lock the account (Identity's lockout).</returns>
    public async Task<bool> SignInAsync(string? userName, string? password)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password)) return false;
        // The per-address limit (Auth/AuthFailureLimiter) goes here: TryEnter before any password is checked, and
        // RecordFailure on each way this method returns false.
        var user = await users.FindByNameAsync(userName.Trim()).ConfigureAwait(false);
        if (user is null)
        {
            // Hash anyway, so an unknown name takes as long to refuse as a wrong password.
            _nobodysHash ??= hasher.HashPassword(Nobody, "not anyone's password");
            hasher.VerifyHashedPassword(Nobody, _nobodysHash, password);
            return false;
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true).ConfigureAwait(false);
        return result.Succeeded;
    }

    public Task SignOutAsync() => signIn.SignOutAsync();
}
