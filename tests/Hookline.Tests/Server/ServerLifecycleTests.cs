using System.Net;
using Hookline.Storage;
using Hookline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Tests.Server;

public class ServerLifecycleTests : ReceiverTest
{
    [Fact]
    public async Task WithoutAConfiguredKey_FirstStartMakesAnAdminKey_OwnerOnly_AndKeepsIt()
    {
        var noKey = new Dictionary<string, string?> { ["Hookline:Bootstrap:AdminKey"] = "" };
        string key;
        string path;
        IReadOnlyDictionary<string, string?> settings;
        await using (var first = await HooklineApp.StartAsync(Databases.Sqlite, noKey))
        {
            settings = first.Settings;
            path = Path.Combine(settings["Hookline:Storage:DataDirectory"]!, "admin-key.txt");
            key = (await File.ReadAllTextAsync(path)).Trim();
            Assert.StartsWith("hk_", key, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            using var groups = await first.Client(key).GetAsync("/api/v1/groups");
            Assert.Equal(HttpStatusCode.OK, groups.StatusCode);
            using var wrong = await first.Client(HooklineApp.AdminKey).GetAsync("/api/v1/groups");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        File.Delete(path);
        await using var second = await HooklineApp.StartAsync(Databases.Sqlite, settings);
        Assert.False(File.Exists(path), "a second start made another key");
        using var again = await second.Client(key).GetAsync("/api/v1/groups");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Theory, Providers]
    public async Task Shutdown_ReleasesTheLeaseOfAnAttemptStillInFlight_AndTheNextStartDeliversIt(string provider)
    {
        var settings = new Dictionary<string, string?>(HooklineApp.FastRetries)
        {
            ["Hookline:Delivery:Timeout"] = "00:00:10",
            ["Hookline:Delivery:LeaseDuration"] = "00:10:00",
            ["Hookline:Delivery:ShutdownGrace"] = "00:00:00.200",
        };
        Receiver.Enqueue(new ReceiverResponse(Delay: TimeSpan.FromSeconds(5)));
        string deliveryId;
        var first = await HooklineApp.StartAsync(provider, settings);
        {
            settings = new Dictionary<string, string?>(first.Settings);
            var tenant = await Tenant.CreateAsync(first);
            var setup = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);
            var callId = Guid.NewGuid().ToString();
            await setup.Post(setup.Begin(callId));
            await Receiver.WaitForRequestsAsync(1);
            deliveryId = (await setup.DeliveriesAsync(callId))[0].GetProperty("id").GetString()!;
            await first.DisposeAsync(); // a graceful stop, as on Ctrl-C

            await using var db = first.OpenDatabase();
            var delivery = await db.Deliveries.AsNoTracking().SingleAsync(d => d.Id == deliveryId);
            Assert.Equal("pending", delivery.Status);
            Assert.Null(delivery.LeaseUntil);
            Assert.Equal(0, delivery.Attempts);
        }

        // Ten-minute leases: only the release lets the next start send it now.
        await using var second = await HooklineApp.StartAsync(provider, settings);
        var requests = await Receiver.WaitForRequestsAsync(2);
        Assert.Equal(deliveryId, requests[1].Header("webhook-id"));
    }
}
