using Hookline.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hookline.Tests.Deliveries;

/// <summary>Several nodes sharing one PostgreSQL database split the work without sending anything twice.</summary>
public class MultiNodeTests(ITestOutputHelper output) : ReceiverTest
{
    [Fact]
    public async Task TwoNodes_OnOnePostgresDatabase_SendEachDeliveryOnce()
    {
        await using var first = await HooklineApp.StartAsync(Databases.Postgres, HooklineApp.FastRetries);
        await using var second = await HooklineApp.StartAsync(Databases.Postgres, new Dictionary<string, string?>(first.Settings));
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(first), Receiver, moments: ["begin", "end"]);
        Receiver.RespondWith(_ => new ReceiverResponse(Delay: TimeSpan.FromMilliseconds(5)));

        const int Calls = 150;
        var calls = Enumerable.Range(0, Calls).Select(_ => Guid.NewGuid().ToString()).ToList();
        // Half the events reach each node, as behind a load balancer.
        var secondClient = second.Client(setup.Tenant.Key);
        for (var i = 0; i < Calls; i += 25)
        {
            var batch = calls.Skip(i).Take(25).SelectMany(c => new[] { setup.Begin(c), CallSetup.End(c) }).ToArray();
            await (i % 50 == 0 ? setup.Tenant.Client : secondClient).PostOk("/api/v1/calls/events", batch);
        }

        var requests = await Receiver.WaitForRequestsAsync(2 * Calls, TimeSpan.FromSeconds(60));
        await Task.Delay(500); // a duplicate would arrive now
        var ids = Receiver.Requests.Select(r => r.Header("webhook-id")).ToList();
        output.WriteLine($"{ids.Count} requests, {ids.Distinct().Count()} distinct deliveries");
        Assert.Equal(2 * Calls, ids.Distinct().Count());
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
