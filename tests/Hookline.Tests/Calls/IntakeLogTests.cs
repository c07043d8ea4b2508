using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hookline.Calls;
using Hookline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Hookline.Tests.Calls;

/// <summary>
/// Posts for the same call that meet in the intake are an expected race, retried on fresh state: they must not
/// fill the log with errors, so that an error in it still means something, as a write that keeps failing does.
/// </summary>
public class IntakeLogTests : ReceiverTest
{
    private const int Posts = 120;
    // Four posts a call: each can lose to at most three others, so the intake's five tries always suffice.
    private const int PostsPerCall = 4;
    // Bounded, so PostgreSQL's connection slots, shared by the whole suite, are not what this measures.
    private const int Connections = 24;

    /// <summary>The intake's own lines, down to the debug one each retry writes, so the test can see whether a race happened.</summary>
    private static readonly Dictionary<string, string?> IntakeAtDebug = new() { ["Logging:LogLevel:Hookline.Calls.CallIntake"] = "Debug" };

    [Theory, Providers]
    public async Task ConcurrentPostsForTheSameCalls_TakeTurns_AndAreAllStoredWithoutRetryOrError(string provider)
    {
        await using var app = await HooklineApp.StartAsync(provider, IntakeAtDebug);
        var logs = LogCapture.AddTo(app.Services);
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(app), Receiver, moments: ["begin"]);
        var callIds = Enumerable.Range(0, Posts / PostsPerCall).Select(_ => Guid.NewGuid().ToString()).ToArray();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections }) { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", setup.Tenant.Key);

        // Each post is its call's begin (stored once, then a no-op) and a prompt of its own, all let go at once.
        using var start = new SemaphoreSlim(0);
        var posts = Enumerable.Range(0, Posts).Select(async i =>
        {
            // A call's posts side by side, so that they are in flight together whatever the connection limit lets through.
            var callId = callIds[i / PostsPerCall];
            await start.WaitAsync();
            using var response = await client.PostAsJsonAsync("/api/v1/calls/events",
                new[] { setup.Begin(callId), CallSetup.Prompt(callId, $"question {i}", "1") });
            return response.StatusCode;
        }).ToList();
        start.Release(Posts);
        var statuses = await Task.WhenAll(posts);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Accepted, status));
        await using (var db = app.OpenDatabase())
        {
            var keys = callIds.Select(id => CallIntake.CallKey(setup.Tenant.GroupId, id)).ToList();
            Assert.Equal(Posts + callIds.Length, await db.CallEvents.CountAsync(e => keys.Contains(e.CallKey)));
        }
        await Receiver.WaitForRequestsAsync(callIds.Length);
        var entries = logs.Entries;
        // One node's requests for the same calls take turns (CallTurns), so none loses at the write and plans its batch again.
        Assert.DoesNotContain(entries, e => e.Category == typeof(CallIntake).FullName && e.Message.Contains("retrying", StringComparison.Ordinal));
        var errors = entries.Where(e => e.Level >= LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, $"{errors.Count} errors logged, the first:\n{string.Join('\n', errors.Take(3))}");
    }

    [Theory, Providers]
    public async Task AWriteThatFailsOnEveryTry_IsLoggedAsAnError(string provider)
    {
        await using var app = await HooklineApp.StartAsync(provider);
        var logs = LogCapture.AddTo(app.Services);
        var tenant = await Tenant.CreateAsync(app);
        await using (var db = app.OpenDatabase())
        {
            // Not a race: the database refuses every event, so no retry can succeed.
            await db.Database.ExecuteSqlRawAsync(provider == Databases.Postgres
                ? """
                  CREATE FUNCTION refuse_event() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql;
                  CREATE TRIGGER refuse_event BEFORE INSERT ON call_events FOR EACH ROW EXECUTE FUNCTION refuse_event();
                  """
                : "CREATE TRIGGER refuse_event BEFORE INSERT ON call_events BEGIN SELECT RAISE(ABORT, 'refused'); END;");
        }

        using var response = await tenant.Client.PostAsJsonAsync("/api/v1/calls/events", CallSetup.End(Guid.NewGuid().ToString()));

        Assert.False(response.IsSuccessStatusCode, $"answered {(int)response.StatusCode}");
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Category == typeof(CallIntake).FullName);
    }
}
