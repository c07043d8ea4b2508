using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Operations;

/// <summary>
/// A real PostgreSQL restart (`pg_ctl restart -m fast`, as `pg_ctlcluster … restart` does) under load, on a server of
/// the test's own: no false 202 while it is down, and afterwards every accepted call is delivered.
/// </summary>
public class PostgresRestartTests : ReceiverTest
{
    [Fact]
    public async Task PostgresRestartedUnderLoad_NoEventIsAcceptedThatIsNotStored_AndEveryAcceptedCallIsDelivered()
    {
        await using var cluster = await OwnPostgresCluster.StartAsync();
        var settings = await HooklineApp.SettingsAsync(Databases.Sqlite);
        settings["Hookline:Storage:Provider"] = Databases.Postgres;
        settings["Hookline:Storage:ConnectionString"] = cluster.ConnectionString;
        foreach (var (key, value) in HooklineApp.FastRetries) settings[key] = value;
        await using var app = await HooklineApp.StartAsync(Databases.Postgres, settings);
        var tenant = await Tenant.CreateAsync(app);
        var setup = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin", "end"]);

        var accepted = new ConcurrentBag<string>();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        async Task PostLoopAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var call = Guid.NewGuid().ToString();
                using var response = await tenant.Client.PostAsJsonAsync("/api/v1/calls/events", new object[] { setup.Begin(call), CallSetup.End(call) });
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.Accepted) accepted.Add(call);
                else Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        var posters = Enumerable.Range(0, 4).Select(_ => Task.Run(PostLoopAsync)).ToList();
        await Task.Delay(1000);
        var beforeRestart = accepted.Count;
        await cluster.RestartAsync();
        await Task.Delay(1500);
        await stop.CancelAsync();
        await Task.WhenAll(posters);

        Assert.True(beforeRestart > 0, "nothing was accepted before the restart");
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable, $"answered {s}"));
        Assert.True(accepted.Count > beforeRestart, "nothing was accepted after the restart");
        // Every 202 was stored: each accepted call's begin and end reach the receiver.
        var calls = accepted.ToHashSet(StringComparer.Ordinal);
        await Receiver.WaitUntilAsync(
            requests => requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("callid").GetString()!)
                .Where(calls.Contains).Count() >= 2 * calls.Count
                && calls.All(c => requests.Count(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("callid").GetString() == c) >= 2),
            "both deliveries of every accepted call", TimeSpan.FromSeconds(90));
        using var anonymous = app.Client(apiKey: null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
    }
}
