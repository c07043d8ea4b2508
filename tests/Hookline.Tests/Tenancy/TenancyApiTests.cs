using System.Net;
using System.Net.Http.Json;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Tenancy;

public class TenancyApiTests
{
    [Theory, Providers]
    public async Task Request_WithoutKey_Is401(string provider)
    {
        var app = await HooklineApp.For(provider);
        using var response = await app.Client(apiKey: null).GetAsync("/api/v1/locations");
        await response.Problem(HttpStatusCode.Unauthorized);
    }

    [Theory, Providers]
    public async Task Request_WithUnknownKey_Is401(string provider)
    {
        var app = await HooklineApp.For(provider);
        using var response = await app.Client("hk_not_a_key").GetAsync("/api/v1/locations");
        await response.Problem(HttpStatusCode.Unauthorized);
    }

    [Theory, Providers]
    public async Task CreateGroup_WithGroupKey_Is403(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        using var response = await tenant.Client.PostAsJsonAsync("/api/v1/groups", new { name = "Sneaky" });
        await response.Problem(HttpStatusCode.Forbidden);
    }

    [Theory, Providers]
    public async Task ApiKey_IsShownOnce_AndAuthenticatesItsGroup(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var created = await tenant.Client.PostOk($"/api/v1/groups/{tenant.GroupId}/api-keys", new { name = "second" });
        var key = created.GetProperty("key").GetString()!;
        Assert.StartsWith("hk_", key, StringComparison.Ordinal);

        var listed = await tenant.Client.GetOk($"/api/v1/groups/{tenant.GroupId}/api-keys");
        Assert.DoesNotContain(key, listed.GetRawText(), StringComparison.Ordinal);
        var locations = await tenant.App.Client(key).GetOk("/api/v1/locations");
        Assert.Equal(tenant.LocationId, Assert.Single(locations.EnumerateArray()).GetProperty("id").GetString());
    }

    [Theory, Providers]
    public async Task RevokedKey_No_Longer_Authenticates(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var created = await tenant.Client.PostOk($"/api/v1/groups/{tenant.GroupId}/api-keys", new { name = "temporary" });
        using var deleted = await tenant.Client.DeleteAsync($"/api/v1/groups/{tenant.GroupId}/api-keys/{created.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var response = await tenant.App.Client(created.GetProperty("key").GetString()).GetAsync("/api/v1/locations");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory, Providers]
    public async Task Location_RoundTrips_AndUpdates(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var location = await tenant.Client.GetOk($"/api/v1/locations/{tenant.LocationId}");
        Assert.Equal("Auto ID", location.GetProperty("name").GetString());
        Assert.Equal(tenant.GroupId, location.GetProperty("groupId").GetString());
        Assert.Equal("3242243", location.GetProperty("externalLocationId").GetString());

        var updated = await tenant.Client.PutOk($"/api/v1/locations/{tenant.LocationId}", new { name = "Auto ID North", city = "Pasadena" });
        Assert.Equal("Auto ID North", updated.GetProperty("name").GetString());
        Assert.Equal("Pasadena", (await tenant.Client.GetOk($"/api/v1/locations/{tenant.LocationId}")).GetProperty("city").GetString());
    }

    [Theory, Providers]
    public async Task AnotherGroupsLocation_Is404_ForReadUpdateAndDelete(string provider)
    {
        var owner = await Tenant.CreateAsync(provider);
        var other = await Tenant.CreateAsync(provider, "Other Dealer");
        using (var read = await other.Client.GetAsync($"/api/v1/locations/{owner.LocationId}")) await read.Problem(HttpStatusCode.NotFound);
        using (var update = await other.Client.PutAsJsonAsync($"/api/v1/locations/{owner.LocationId}", new { name = "taken" })) await update.Problem(HttpStatusCode.NotFound);
        using (var delete = await other.Client.DeleteAsync($"/api/v1/locations/{owner.LocationId}")) await delete.Problem(HttpStatusCode.NotFound);
        Assert.Equal("Auto ID", (await owner.Client.GetOk($"/api/v1/locations/{owner.LocationId}")).GetProperty("name").GetString());
        var visible = await other.Client.GetOk("/api/v1/locations");
        Assert.DoesNotContain(owner.LocationId, visible.GetRawText(), StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task CreateLocation_InAnotherGroup_Is404(string provider)
    {
        var owner = await Tenant.CreateAsync(provider);
        var other = await Tenant.CreateAsync(provider, "Other Dealer");
        using var response = await other.Client.PostAsJsonAsync("/api/v1/locations", new { groupId = owner.GroupId, name = "Intruder" });
        await response.Problem(HttpStatusCode.NotFound);
    }

    [Theory, Providers]
    public async Task CreateLocation_WithAdminKey_NeedsGroupId(string provider)
    {
        var app = await HooklineApp.For(provider);
        using var response = await app.Client().PostAsJsonAsync("/api/v1/locations", new { name = "Nowhere" });
        Assert.Contains("groupId", (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Theory, Providers]
    public async Task Tokens_ListsThe77DataPoints_AndTheTwoOfEachDelivery(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var tokens = (await tenant.Client.GetOk("/api/v1/tokens")).EnumerateArray().ToList();
        Assert.Equal(77 + 2, tokens.Count);
        Assert.Equal(["%event%", "%lead_status%"], tokens.Where(t => t.GetProperty("category").GetString() == "delivery").Select(t => t.GetProperty("token").GetString()));
        var ani = tokens.Single(t => t.GetProperty("token").GetString() == "%ani%");
        Assert.Equal("call_begin", ani.GetProperty("category").GetString());
        Assert.Equal("7776734736", ani.GetProperty("example").GetString());
        Assert.Equal(["call_begin", "call_end", "delivery", "dni", "location_info"],
            tokens.Select(t => t.GetProperty("category").GetString()).Distinct().Order(StringComparer.Ordinal));
    }
}
