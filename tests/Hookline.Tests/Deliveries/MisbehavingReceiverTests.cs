using System.Collections.Concurrent;
using System.Text.Json;
using Hookline.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hookline.Tests.Deliveries;

/// <summary>
/// A receiver that misbehaves hurts no one else: each attempt to it ends within the timeout whatever it does, only the
/// first 4 KiB of its answer is read, it gets no more connections than its webhook's slots, and a healthy webhook
/// beside it keeps its pace. Memory is measured on the built server as a process of its own, where its resident size
/// is its alone (this test process's heap is shared by the whole suite).
/// </summary>
public class MisbehavingReceiverTests(ITestOutputHelper output) : ReceiverTest
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
        var posted = await PostHealthyAsync(healthy, batches: 6);
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

    /// <summary>
    /// Hundreds of deliveries each to a receiver sending an endless body, one sending 100 MB, and one trickling a byte a
    /// second, all at once on the webhooks' 16 slots each, beside a healthy webhook: the server's resident memory (read
    /// from /proc) stays within 150 MB of what it was before, and the healthy webhook keeps its pace.
    /// </summary>
    [Fact]
    public async Task TheServersMemory_StaysBounded_UnderHundredsOfHugeEndlessAndTrickledAnswers_AndAHealthyWebhookKeepsItsPace()
    {
        const int PerBadWebhook = 300;
        // Why 150 MB: the server keeps 4 KiB of an answer and drains none of the rest, so these receivers cost it a few
        // KiB a connection (48 at once) beside the load's ordinary garbage, which server GC lets grow by some tens of MB.
        // A server that read answers whole would hold 100 MB per slot sending to the 100 MB receiver (16 slots: 1.6 GB),
        // and an endless body without end; one such read alone, buffered as it grows, passes 150 MB.
        const long BoundKiB = 150 * 1024;
        var settings = await HooklineApp.SettingsAsync(Databases.Sqlite);
        foreach (var (key, value) in Settings) settings[key] = value;
        settings.Remove("Hookline:Delivery:PerWebhookConcurrency"); // the default, 16 slots a webhook
        await using var server = await HooklineProcess.StartAsync(settings);
        await using var endless = new BadReceiver(Misbehaviour.EndlessBody);
        await using var huge = new BadReceiver(Misbehaviour.HundredMegabyteBody);
        await using var trickle = new BadReceiver(Misbehaviour.TrickleAByteASecond);
        var tenant = await Tenant.CreateAsync(server);
        var bad = new List<CallSetup>();
        foreach (var receiver in new[] { endless, huge, trickle })
        {
            var setup = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);
            await PointAtAsync(tenant, setup.WebhookId, receiver.Url);
            bad.Add(setup);
        }
        var healthy = await CallSetup.CreateAsync(tenant, Receiver, moments: ["begin"]);

        // Warmed up on healthy deliveries, so the baseline is a working server's, not a fresh one's.
        await healthy.Post([.. Enumerable.Range(0, 50).Select(_ => healthy.Begin(Guid.NewGuid().ToString()))]);
        await Receiver.WaitForRequestsAsync(50, TimeSpan.FromSeconds(30));
        await Task.Delay(1000);
        var baseline = Memory(server.Id);
        var highest = baseline.RssKiB;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                highest = Math.Max(highest, Memory(server.Id).RssKiB);
                await Task.Delay(100, CancellationToken.None);
            }
        });

        foreach (var setup in bad)
        {
            for (var batch = 0; batch < PerBadWebhook / 100; batch++)
                await setup.Post([.. Enumerable.Range(0, 100).Select(_ => setup.Begin(Guid.NewGuid().ToString()))]);
        }
        // 200 healthy calls over 10 s, beside them; each is timed from its post to its arrival.
        var posted = await PostHealthyAsync(healthy, batches: 20);
        var received = await Receiver.WaitUntilAsync(
            requests => posted.Keys.All(c => requests.Any(r => CallId(r) == c)), "every healthy call", TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await sampling.CancelAsync();
        await sampler;
        var end = Memory(server.Id);
        highest = Math.Max(highest, end.RssKiB);

        var waits = received.Where(r => posted.ContainsKey(CallId(r))).Select(r => r.ReceivedAt - posted[CallId(r)]).ToList();
        output.WriteLine($"server RSS: {baseline.RssKiB / 1024} MB before, {highest / 1024} MB at most during the load (sampled every 100 ms), " +
            $"{end.RssKiB / 1024} MB after; peak over its life (VmHWM) {end.PeakKiB / 1024} MB");
        output.WriteLine($"connections: endless {endless.Connections}, 100 MB {huge.Connections}, trickle {trickle.Connections}; " +
            $"healthy deliveries: slowest {waits.Max().TotalMilliseconds:0} ms, median {waits.Order().ElementAt(waits.Count / 2).TotalMilliseconds:0} ms");
        // The load was real: hundreds of huge and endless answers begun, and the trickler kept on its slots.
        Assert.True(endless.Connections >= PerBadWebhook && huge.Connections >= PerBadWebhook, "the huge and endless receivers were not sent to hundreds of times");
        Assert.True(trickle.Connections >= 16, "the trickler was not sent to on every slot");
        Assert.True(end.PeakKiB - baseline.RssKiB < BoundKiB, $"peak RSS {end.PeakKiB / 1024} MB, {(end.PeakKiB - baseline.RssKiB) / 1024} MB above the baseline");
        Assert.True(waits.Max() < Timeout, $"slowest healthy delivery took {waits.Max().TotalMilliseconds} ms");
    }

    private static string CallId(ReceivedRequest request) => JsonDocument.Parse(request.Body).RootElement.GetProperty("callid").GetString()!;

    /// <summary>A process's resident set now (VmRSS) and at its highest so far (VmHWM), in KiB.</summary>
    private static (long RssKiB, long PeakKiB) Memory(int pid)
    {
        var fields = File.ReadAllLines($"/proc/{pid}/status").Select(l => l.Split(':', 2)).Where(f => f[0] is "VmRSS" or "VmHWM")
            .ToDictionary(f => f[0], f => long.Parse(f[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        return (fields["VmRSS"], fields["VmHWM"]);
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

    /// <summary>Posts <paramref name="batches"/> batches of 10 calls to the healthy webhook, one every 500 ms; when each call was posted.</summary>
    private static async Task<ConcurrentDictionary<string, DateTimeOffset>> PostHealthyAsync(CallSetup healthy, int batches)
    {
        var posted = new ConcurrentDictionary<string, DateTimeOffset>();
        for (var batch = 0; batch < batches; batch++)
        {
            var calls = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid().ToString()).ToList();
            foreach (var call in calls) posted[call] = DateTimeOffset.UtcNow;
            await healthy.Post([.. calls.Select(c => healthy.Begin(c))]);
            await Task.Delay(500);
        }
        return posted;
    }
}
