using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace Hookline.LoadDriver;

/// <summary>Posts the calls in batches and waits, within the time limit, for every delivery they cause to arrive.</summary>
public sealed record DeliveryRun(
    int Events, int Expected, int Arrived, int Requests, TimeSpan Intake, TimeSpan EndToEnd, Latencies Latencies, int ArrivedBeforeAccepted)
{
    public bool Complete => Arrived >= Expected;

    public static async Task<DeliveryRun> RunAsync(Tenant tenant, Receiver receiver, DriverOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(options);
        var run = Guid.NewGuid().ToString("N")[..8];
        var accepted = new long[options.Calls];
        var batches = Enumerable.Range(0, options.Calls).Chunk(options.BatchSize).ToArray();
        var expected = options.Calls * options.Webhooks;
        var all = receiver.AllArrived(expected);
        var next = -1;

        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, options.Posters).Select(async _ =>
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < batches.Length)
            {
                var events = batches[b].Select(i => Begin($"{run}-{i.ToString("D7", CultureInfo.InvariantCulture)}", tenant.TrackingNumber));
                using var response = await tenant.Client.PostAsJsonAsync("/api/v1/calls/events", events, ct);
                if (response.StatusCode != HttpStatusCode.Accepted)
                    throw new HttpRequestException($"intake answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                var now = Stopwatch.GetTimestamp();
                foreach (var i in batches[b]) accepted[i] = now;
                if (options.BatchInterval > TimeSpan.Zero) await Task.Delay(options.BatchInterval, ct);
            }
        }));
        var intake = Stopwatch.GetElapsedTime(started);

        try
        {
            await all.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // The time limit: report what arrived.
        }

        var arrivals = receiver.FirstArrivals.ToArray();
        var latencies = arrivals.Select(a => a.Value - accepted[int.Parse(a.Key.CallId.AsSpan(run.Length + 1), CultureInfo.InvariantCulture)]).ToArray();
        var last = arrivals.Length == 0 ? started : arrivals.Max(a => a.Value);
        return new DeliveryRun(options.Calls, expected, arrivals.Length, receiver.Requests, intake, Stopwatch.GetElapsedTime(started, last),
            Latencies.From(latencies.Select(l => Math.Max(0, l))), latencies.Count(l => l < 0));
    }

    private static Dictionary<string, string> Begin(string callId, string tracking) => new Dictionary<string, string>
    {
        ["type"] = "call.begin", ["callid"] = callId, ["tracking"] = tracking, ["ani"] = "5125550199",
        ["call_start_time"] = "2026-03-28T00:05:00.000Z", ["ani_first_name"] = "Freddy", ["ani_last_name"] = "Mercury",
        ["ani_city"] = "Austin", ["ani_state"] = "TX", ["landing_domain"] = "cars.example.com", ["utm_source"] = "google",
    };
}
