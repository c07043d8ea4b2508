using Hookline.Auth;
using Microsoft.AspNetCore.Identity;

namespace Hookline.Users;

/// <summary>How a try to sign in ended; <see cref="RetryAfter"/> is set when the address must wait.</summary>
public readonly record struct SignInResult(bool SignedIn, TimeSpan? RetryAfter = null);

/// <summary>Signs a person in with the sign-in cookie; a wrong name and a wrong password look the same.</summary>
public sealed class SignInService(
    SignInManager<HooklineUser> signIn, UserManager<HooklineUser> users, IPasswordHasher<HooklineUser> hasher, AuthFailureLimiter limiter)
{
    private static readonly HooklineUser Nobody = new() { UserName = "nobody" };
    private static string? _nobodysHash;

    /// <summary>
    /// Five failures in a row lock the account (Identity's lockout); failures from one address, whatever names they
    /// try, are counted by the limiter the API's keys share, which refuses that address for a while before any
    /// password is checked.
    /// </summary>
    public async Task<SignInResult> SignInAsync(HttpContext context, string? userName, string? password)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!limiter.TryEnter(context, out var wait)) return new SignInResult(false, wait);
        if (await CheckAsync(userName, password).ConfigureAwait(false)) return new SignInResult(true);
        return limiter.RecordFailure(context, out wait) ? new SignInResult(false) : new SignInResult(false, wait);
    }

    private async Task<bool> CheckAsync(string? userName, string? password)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password)) return false;
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
