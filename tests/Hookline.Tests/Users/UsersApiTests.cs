using System.Net;
using System.Net.Http.Json;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Users;

public class UsersApiTests
{
    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Theory, Providers]
    public async Task CreateUser_Is201_WithIdUserNameAndGroup_AndIsListed(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var admin = tenant.App.Client();
        var name = NewName("ann");
        using var response = await admin.PostAsJsonAsync("/api/v1/users", new { userName = name, password = "twelve chars!", groupId = tenant.GroupId });
        var created = await response.OkJson();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/users/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(name, created.GetProperty("userName").GetString());
        Assert.Equal(tenant.GroupId, created.GetProperty("groupId").GetString());
        Assert.Equal(["groupId", "id", "userName"], created.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        var listed = (await admin.GetOk("/api/v1/users")).EnumerateArray().Single(u => u.GetProperty("id").GetString() == id);
        Assert.Equal(name, listed.GetProperty("userName").GetString());
        Assert.DoesNotContain("password", listed.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory, Providers]
    public async Task CreateUser_WithNullGroup_IsAnAdmin(string provider)
    {
        var app = await HooklineApp.For(provider);
        var created = await app.Client().PostOk("/api/v1/users", new { userName = NewName("root"), password = "a long enough one", groupId = (string?)null });
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty("groupId").ValueKind);
    }

    [Theory, Providers]
    public async Task CreateUser_WithShortPassword_Is400NamingPassword(string provider)
    {
        var app = await HooklineApp.For(provider);
        using var response = await app.Client().PostAsJsonAsync("/api/v1/users", new { userName = NewName("bob"), password = "elevenchars" });
        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["password"], problem.ErrorFields());
        Assert.Contains("at least 12 characters", problem.GetProperty("errors").GetProperty("password")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task CreateUser_WithoutNameOrPassword_Is400NamingBoth(string provider)
    {
        var app = await HooklineApp.For(provider);
        using var response = await app.Client().PostAsJsonAsync("/api/v1/users", new { userName = "no spaces allowed" });
        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["password", "userName"], problem.ErrorFields().Order(StringComparer.Ordinal));
    }

    [Theory, Providers]
    public async Task CreateUser_WithTakenName_Is409NamingUserName(string provider)
    {
        var app = await HooklineApp.For(provider);
        var name = NewName("dup");
        await app.Client().PostOk("/api/v1/users", new { userName = name, password = "first password here" });
        using var response = await app.Client().PostAsJsonAsync("/api/v1/users", new { userName = name.ToUpperInvariant(), password = "second password here" });
        Assert.Equal(["userName"], (await response.Problem(HttpStatusCode.Conflict)).ErrorFields());
    }

    [Theory, Providers]
    public async Task CreateUser_InAnUnknownGroup_Is404(string provider)
    {
        var app = await HooklineApp.For(provider);
        using var response = await app.Client().PostAsJsonAsync("/api/v1/users", new { userName = NewName("lost"), password = "a long enough one", groupId = "grp_nope" });
        await response.Problem(HttpStatusCode.NotFound);
    }

    [Theory, Providers]
    public async Task UsersRoutes_WithGroupKey_Are403(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var user = await tenant.App.Client().PostOk("/api/v1/users", new { userName = NewName("own"), password = "a long enough one", groupId = tenant.GroupId });
        using (var create = await tenant.Client.PostAsJsonAsync("/api/v1/users", new { userName = NewName("sneak"), password = "a long enough one", groupId = tenant.GroupId }))
            await create.Problem(HttpStatusCode.Forbidden);
        using (var list = await tenant.Client.GetAsync("/api/v1/users"))
            await list.Problem(HttpStatusCode.Forbidden);
        using (var delete = await tenant.Client.DeleteAsync($"/api/v1/users/{user.GetProperty("id").GetString()}"))
            await delete.Problem(HttpStatusCode.Forbidden);
    }

    [Theory, Providers]
    public async Task DeleteUser_RemovesIt_AndAnUnknownIdIs404(string provider)
    {
        var app = await HooklineApp.For(provider);
        var id = (await app.Client().PostOk("/api/v1/users", new { userName = NewName("gone"), password = "a long enough one" })).GetProperty("id").GetString();
        using (var deleted = await app.Client().DeleteAsync($"/api/v1/users/{id}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var again = await app.Client().DeleteAsync($"/api/v1/users/{id}");
        await again.Problem(HttpStatusCode.NotFound);
        Assert.DoesNotContain(id!, (await app.Client().GetOk("/api/v1/users")).GetRawText(), StringComparison.Ordinal);
    }
}
