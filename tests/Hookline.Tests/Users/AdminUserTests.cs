using System.Net;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Users;

/// <summary>The bootstrap user <c>admin</c>: made once with a printed password, or kept to the configured one.</summary>
public class AdminUserTests
{
    [Fact]
    public async Task WithoutAConfiguredPassword_FirstStartMakesOne_OwnerOnly_AndASecondStartKeepsIt()
    {
        var noPassword = new Dictionary<string, string?> { ["Hookline:Bootstrap:AdminPassword"] = "" };
        string password;
        string path;
        IReadOnlyDictionary<string, string?> settings;
        await using (var first = await HooklineApp.StartAsync(Databases.Sqlite, noPassword))
        {
            settings = first.Settings;
            path = Path.Combine(settings["Hookline:Storage:DataDirectory"]!, "admin-password.txt");
            password = (await File.ReadAllTextAsync(path)).Trim();
            Assert.True(password.Length >= 12, $"the generated password '{password}' is short");
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            using var _ = await SignInClient.SignInAsync(first.BaseAddress, "admin", password);
        }
        File.Delete(path);
        await using var second = await HooklineApp.StartAsync(Databases.Sqlite, settings);
        Assert.False(File.Exists(path), "a second start made another password");
        using var again = await SignInClient.SignInAsync(second.BaseAddress, "admin", password);
    }

    [Fact]
    public async Task AConfiguredPassword_ReplacesTheStoredOne_AtTheNextStart()
    {
        IReadOnlyDictionary<string, string?> settings;
        await using (var first = await HooklineApp.StartAsync(Databases.Sqlite))
        {
            settings = first.Settings;
            using var _ = await SignInClient.SignInAsync(first.BaseAddress, "admin", HooklineApp.AdminPassword);
        }
        var changed = new Dictionary<string, string?>(settings) { ["Hookline:Bootstrap:AdminPassword"] = "the recovered password" };
        await using var second = await HooklineApp.StartAsync(Databases.Sqlite, changed);
        using var signedIn = await SignInClient.SignInAsync(second.BaseAddress, "admin", "the recovered password");
        var (_, refused) = await SignInClient.TrySignInAsync(second.BaseAddress, "admin", HooklineApp.AdminPassword);
        using (refused)
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Invalid user name or password", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AConfiguredPasswordShorterThan12_StopsTheStart()
    {
        var settings = await HooklineApp.SettingsAsync(Databases.Sqlite);
        settings["Hookline:Bootstrap:AdminPassword"] = "too short";
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => HooklineProcess.StartAsync(settings));
        Assert.Contains("cannot start: Hookline:Bootstrap:AdminPassword: password must be at least 12 characters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLastAdminUser_CannotBeDeleted()
    {
        await using var app = await HooklineApp.StartAsync(Databases.Sqlite);
        var admin = (await app.Client().GetOk("/api/v1/users")).EnumerateArray().Single();
        using var response = await app.Client().DeleteAsync($"/api/v1/users/{admin.GetProperty("id").GetString()}");
        await response.Problem(HttpStatusCode.Conflict);
    }
}
