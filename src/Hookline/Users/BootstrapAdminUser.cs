using System.Security.Cryptography;
using Hookline.Api;
using Hookline.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hookline.Users;

/// <summary>
/// The user <c>admin</c>. With <c>Hookline:Bootstrap:AdminPassword</c> set, that is admin's password at every start:
/// the user is created if missing, and a stored password that differs is replaced (and the account unlocked), so
/// setting it and restarting recovers a lost password. Without it, the first start with no users at all makes a
/// password: printed once and written to <c>{DataDirectory}/admin-password.txt</c>, readable by the owner only.
/// </summary>
public static class BootstrapAdminUser
{
    public const string UserName = "admin";
    public const string FileName = "admin-password.txt";
    public const string PasswordSetting = "Hookline:Bootstrap:AdminPassword";

    public static async Task EnsureAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var configured = services.GetRequiredService<IConfiguration>()[PasswordSetting];
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HooklineUser>>();
        if (!string.IsNullOrEmpty(configured))
        {
            await ApplyConfiguredAsync(users, configured, services.GetRequiredService<TimeProvider>()).ConfigureAwait(false);
            return;
        }

        var db = scope.ServiceProvider.GetRequiredService<HooklineDbContext>();
        if (await db.Users.AnyAsync(cancellationToken).ConfigureAwait(false)) return;
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        await CreateAsync(users, password, services.GetRequiredService<TimeProvider>()).ConfigureAwait(false);

        var path = await SecretFile.WriteAsync(services.GetRequiredService<IOptions<StorageOptions>>().Value, FileName, password).ConfigureAwait(false);

        // Printed on the console, not through the logger: a password must not end up in collected logs.
        await Console.Out.WriteLineAsync($"""

            Hookline created the user '{UserName}' for the web UI (password shown this once; also saved to {path}):

                {password}

            """).ConfigureAwait(false);
    }

    private static async Task ApplyConfiguredAsync(UserManager<HooklineUser> users, string password, TimeProvider time)
    {
        var v = new Validation();
        UserService.ValidatePassword(v, password);
        if (!v.IsValid)
            throw new OptionsValidationException(PasswordSetting, typeof(string), [$"{PasswordSetting}: {string.Join(" ", v.Errors.SelectMany(e => e.Value))}"]);

        var admin = await users.FindByNameAsync(UserName).ConfigureAwait(false);
        if (admin is null)
        {
            await CreateAsync(users, password, time).ConfigureAwait(false);
            return;
        }
        if (await users.CheckPasswordAsync(admin, password).ConfigureAwait(false)) return;
        // Replacing the password changes the security stamp: sessions signed in with the old one end.
        Check(await users.RemovePasswordAsync(admin).ConfigureAwait(false));
        Check(await users.AddPasswordAsync(admin, password).ConfigureAwait(false));
        Check(await users.SetLockoutEndDateAsync(admin, null).ConfigureAwait(false));
        Check(await users.ResetAccessFailedCountAsync(admin).ConfigureAwait(false));
    }

    private static async Task CreateAsync(UserManager<HooklineUser> users, string password, TimeProvider time) =>
        Check(await users.CreateAsync(
            new HooklineUser { Id = Ids.New("usr"), UserName = UserName, GroupId = null, CreatedAt = time.GetUtcNow() }, password).ConfigureAwait(false));

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Cannot set up the user '{UserName}': {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
