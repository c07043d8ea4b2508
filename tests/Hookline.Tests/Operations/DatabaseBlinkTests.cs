using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hookline.Tests.Infrastructure;
using Npgsql;

namespace Hookline.Tests.Operations;

/// <summary>
/// The database blinks: while it is out of reach the intake answers 503 (never a 202 for events it did not store),
/// nothing crashes, and once it is back everything accepted is delivered without anyone restarting anything.
/// PostgreSQL is put out of reach by a relay in front of it that the test cuts (<see cref="TcpRelay"/>): the shared
/// server itself is never stopped.
/// </summary>
public class DatabaseBlinkTests : ReceiverTest
{
    [Fact]
    public async Task WhilePostgresIsOutOfReach_TheIntakeAnswers503_AndEveryCallAccepted_IsDeliveredOnceItIsBack()
    {
        var settings = await HooklineApp.SettingsAsync(Databases.Postgres);
        var real = new NpgsqlConnectionStringBuilder(settings["Hookline:Storage:ConnectionString"]);
        await using var relay = new TcpRelay(new IPEndPoint(IPAddress.Loopback, real.Port));
        real.Host = "127.0.0.1";
        real.Port = relay.Port;
        real.Timeout = 3;
        settings["Hookline:Storage:ConnectionString"] = real.ConnectionString;
        foreach (var (key, value) in HooklineApp.FastRetries) settings[key] = value;
        await using var app = await HooklineApp.StartAsync(Databases.Postgres, settings);
        var tenant = await Tenant.CreateAsync(app);
        var setup = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);

        var accepted = new List<string>();
        var refused = 0;
        async Task PostAsync()
        {
            var call = Guid.NewGuid().ToString();
            using var response = await tenant.Client.PostAsJsonAsync("/api/v1/calls/events", setup.Begin(call));
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                accepted.Add(call);
                return;
            }
            // Anything but a 202 is the 503 problem: no 500, no 409.
            var problem = await response.Problem(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.NotNull(response.Headers.RetryAfter);
            refused++;
        }

        for (var i = 0; i < 5; i++) await PostAsync();
        relay.Cut();
        for (var i = 0; i < 5; i++) await PostAsync();
        Assert.True(refused >= 4, $"only {refused} of 5 posts while the database was cut were refused");
        relay.Restore();
        // Back by itself: the pool's broken connections are dropped as they fail, and posts are taken again.
        var before = accepted.Count;
        for (var i = 0; i < 50 && accepted.Count < before + 5; i++)
        {
            await PostAsync();
            if (accepted.Count == before) await Task.Delay(200);
        }
        Assert.Equal(before + 5, accepted.Count);

        var delivered = await Receiver.WaitUntilAsync(
            requests => accepted.All(c => requests.Any(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("callid").GetString() == c)),
            "every accepted call", TimeSpan.FromSeconds(60));
        Assert.NotEmpty(delivered);
        using var anonymous = app.Client(apiKey: null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
    }
}
