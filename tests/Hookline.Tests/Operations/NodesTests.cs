using System.Net;
using Hookline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Tests.Operations;

/// <summary>N nodes on one PostgreSQL database: they start together safely, and a person signed in on one is signed in on every one.</summary>
public class NodesTests
{
    [Fact]
    public async Task ThreeNodesStartingTogetherOnAnEmptyDatabase_AllStart_OnOneCurrentSchema()
    {
        var settings = await HooklineApp.SettingsAsync(Databases.Postgres);
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => HooklineApp.StartAsync(Databases.Postgres, settings))));
        try
        {
            foreach (var node in nodes)
            {
                using var anonymous = node.Client(apiKey: null);
                Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
            }
            await using var db = nodes[0].OpenDatabase();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(db.Database.GetMigrations().Count(), (await db.Database.GetAppliedMigrationsAsync()).Count());
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task ASignInOnOneNode_IsASignInOnAnother()
    {
        var settings = await HooklineApp.SettingsAsync(Databases.Postgres);
        await using var a = await HooklineApp.StartAsync(Databases.Postgres, settings);
        await using var b = await HooklineApp.StartAsync(Databases.Postgres, settings);
        var (signedIn, response) = await SignInClient.TrySignInAsync(a.BaseAddress, "admin", HooklineApp.AdminPassword);
        using (signedIn)
        using (response)
        {
            var cookie = response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("hookline_session=", StringComparison.Ordinal)).Split(';')[0];
            using var onB = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = b.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/groups");
            request.Headers.Add("Cookie", cookie);
            using var page = await onB.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            using var withoutCookie = await onB.GetAsync("/groups");
            Assert.NotEqual(HttpStatusCode.OK, withoutCookie.StatusCode);
        }
    }
}
