using System.Collections.Concurrent;
using System.Text.Json;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Deliveries;

/// <summary>
/// A receiver that misbehaves hurts no one else: each attempt to it ends within the timeout whatever it does, only the
/// first 4 KiB of its answer is read, it gets no more connections than its webhook's slots, and a healthy webhook
/// beside it keeps its pace. (Memory is bounded by construction, the excerpt's 4 KiB and no drain of the rest; this
/// process's heap is shared by the whole suite, so it is not measured here.)
/// </summary>
public class MisbehavingReceiverTests : ReceiverTest
{
    private const int Slots = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private static readonly Dictionary<string, string?> Settings = new(HooklineApp.FastRetries)
    {
        ["Hookline:Delivery:Timeout"] = "00:00:02",
        ["Hookline:Delivery:PerWebhookConcurrency"] = "4",
        // Kept up, so it is sent to all along, beside the healthy one.
        ["Hookline:Delivery:DownAfterFailures"] = "1000",
    };

    [Theory]
    [InlineData(Misbehaviour.NeverAnswers)]
    [InlineData(Misbehaviour.EndlessBody)]
    [InlineData(Misbehaviour.HundredMegabyteBody)]
    [InlineData(Misbehaviour.TrickleAByteASecond)]
    [InlineData(Misbehaviour.ResetsConnections)]
    [InlineData(Misbehaviour.AnswersAfter14Seconds)]
    public async Task AMisbehavingReceiver_IsBounded_AndAHealthyWebhookBesideItKeepsItsPace(Misbehaviour how)
    {
        await using var bad = new BadReceiver(how);
        await using var app = await HooklineApp.StartAsync(Databases.Sqlite, Settings);
        var tenant = await Tenant.CreateAsync(app);
        var badSetup = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);
        await PointAtAsync(tenant, badSetup.WebhookId, bad.Url);
        var healthy = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);

        await badSetup.Post([.. Enumerable.Range(0, 3 * Slots).Select(_ => badSetup.Begin(Guid.NewGuid().ToString()))]);
        // 60 healthy calls over 3 s, beside it; each is timed from its post to its arrival.
        var posted = new ConcurrentDictionary<string, DateTimeOffset>();
        for (var batch = 0; batch < 6; batch++)
        {
            var calls = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid().ToString()).ToList();
            foreach (var call in calls) posted[call] = DateTimeOffset.UtcNow;
            await healthy.Post([.. calls.Select(c => healthy.Begin(c))]);
            await Task.Delay(500);
        }
        var received = await Receiver.WaitForRequestsAsync(60, TimeSpan.FromSeconds(30));
        var waits = received.Select(r => r.ReceivedAt - posted[JsonDocument.Parse(r.Body).RootElement.GetProperty("callid").GetString()!]).ToList();
        // Generous: a healthy delivery takes milliseconds; one stuck behind the bad receiver's sends would take the timeout.
        Assert.True(waits.Max() < Timeout, $"slowest healthy delivery took {waits.Max().TotalMilliseconds} ms beside {how}");

        // Every attempt the bad one got so far ended within the timeout (and some slack: two cores shared by the whole
        // suite), and kept at most 4 KiB.
        await Task.Delay(Timeout + TimeSpan.FromSeconds(1));
        var attempts = new List<JsonElement>();
        foreach (var delivery in (await tenant.Client.GetOk($"/api/v1/deliveries?webhookId={badSetup.WebhookId}")).EnumerateArray())
        {
            var detail = await tenant.Client.GetOk($"/api/v1/deliveries/{delivery.GetProperty("id").GetString()}");
            attempts.AddRange(detail.GetProperty("attempts").EnumerateArray());
        }
        Assert.NotEmpty(attempts);
        Assert.All(attempts, a => Assert.InRange(a.GetProperty("durationMs").GetInt32(), 0, (int)(Timeout + TimeSpan.FromMilliseconds(1500)).TotalMilliseconds));
        Assert.All(attempts, a => Assert.True(a.GetProperty("responseExcerpt").ValueKind == JsonValueKind.Null
            || System.Text.Encoding.UTF8.GetByteCount(a.GetProperty("responseExcerpt").GetString()!) <= 4096));
        Assert.InRange(bad.MostOpen(lag: TimeSpan.FromMilliseconds(250)), 1, Slots);
    }

    private static async Task PointAtAsync(Tenant tenant, string webhookId, Uri url)
    {
        var webhook = await tenant.Client.GetOk($"/api/v1/webhooks/{webhookId}");
        await tenant.Client.PutOk($"/api/v1/webhooks/{webhookId}", new Dictionary<string, object?>
        {
            ["name"] = webhook.GetProperty("name").GetString(),
            ["url"] = url.ToString(),
            ["templateId"] = webhook.GetProperty("templateId").GetString(),
            ["method"] = webhook.GetProperty("method").GetString(),
            ["headers"] = webhook.GetProperty("headers"),
            ["successCodes"] = webhook.GetProperty("successCodes"),
        });
    }
}
