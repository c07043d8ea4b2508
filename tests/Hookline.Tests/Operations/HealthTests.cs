using System.Net;
using System.Net.Sockets;
using Hookline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Hookline.Tests.Operations;

/// <summary>
/// <c>/healthz</c> says the process answers, <c>/readyz</c> that it can work: the database answers and its schema is
/// current. Both without a key, and with nothing of any tenant in the answer.
/// </summary>
public class HealthTests
{
    [Theory, Providers]
    public async Task HealthzAndReadyz_Answer200_WithoutAKey_AndSayNothingOfTenants(string provider)
    {
        var app = await HooklineApp.For(provider);
        var name = "Health Probe Motors " + Guid.NewGuid().ToString("N")[..8];
        await Tenant.CreateAsync(app, name);
        using var anonymous = app.Client(apiKey: null);

        foreach (var path in new[] { "/healthz", "/readyz" })
        {
            using var response = await anonymous.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", body);
            Assert.DoesNotContain(name, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Readyz_Is503_WhileThePostgresServerIsUnreachable_And200_WhenItIsBack()
    {
        var settings = await HooklineApp.SettingsAsync(Databases.Postgres);
        var real = new NpgsqlConnectionStringBuilder(settings["Hookline:Storage:ConnectionString"]);
        await using var relay = new TcpRelay(new IPEndPoint(IPAddress.Loopback, real.Port));
        real.Host = "127.0.0.1";
        real.Port = relay.Port;
        real.Timeout = 3;
        settings["Hookline:Storage:ConnectionString"] = real.ConnectionString;
        await using var app = await HooklineApp.StartAsync(Databases.Postgres, settings);
        using var anonymous = app.Client(apiKey: null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);

        relay.Cut();
        using (var down = await anonymous.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            var body = await down.Content.ReadAsStringAsync();
            Assert.Equal("Unhealthy", body);
        }
        // Alive all the same: a restart would not bring the database back.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);

        relay.Restore();
        Assert.Equal(HttpStatusCode.OK, await EventuallyAsync(anonymous, "/readyz", HttpStatusCode.OK));
    }

    /// <summary>The start migrates the schema, so a server never listens without its database: it refuses to start instead.</summary>
    [Fact]
    public async Task AServerWhosePostgresPortIsClosed_RefusesToStart()
    {
        var settings = await HooklineApp.SettingsAsync(Databases.Postgres);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        settings["Hookline:Storage:ConnectionString"] = new NpgsqlConnectionStringBuilder(settings["Hookline:Storage:ConnectionString"])
            { Host = "127.0.0.1", Port = closedPort, Timeout = 3 }.ConnectionString;

        await Assert.ThrowsAnyAsync<Exception>(() => HooklineApp.StartAsync(Databases.Postgres, settings));
    }

    [Theory, Providers]
    public async Task Readyz_Is503_WhenTheSchemaIsNotCurrent(string provider)
    {
        await using var app = await HooklineApp.StartAsync(provider);
        using var anonymous = app.Client(apiKey: null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);

        // As if the newest migration had not run: what an older schema under a newer build looks like.
        await using (var db = app.OpenDatabase())
        {
            var last = (await db.Database.GetAppliedMigrationsAsync()).Max(StringComparer.Ordinal)!;
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = {last}""");
        }

        using var response = await anonymous.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
    }

    private static async Task<HttpStatusCode> EventuallyAsync(HttpClient client, string path, HttpStatusCode expected)
    {
        var status = HttpStatusCode.InternalServerError;
        for (var i = 0; i < 50 && status != expected; i++)
        {
            if (i > 0) await Task.Delay(200);
            using var response = await client.GetAsync(path);
            status = response.StatusCode;
        }
        return status;
    }
}
