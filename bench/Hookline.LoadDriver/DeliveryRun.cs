using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace Hookline.LoadDriver;

/// <summary>Posts the calls in batches and waits, within the time limit, for every delivery they cause to arrive.</summary>
/// <param name="Events">Events the intake accepted (202).</param>
/// <param name="IntakeError">Why posting stopped early: an answer other than 202, a failed request, or the time limit.</param>
public sealed record DeliveryRun(
    int Events, int Expected, int Arrived, int Requests, TimeSpan Intake, TimeSpan EndToEnd, Latencies Latencies, int ArrivedBeforeAccepted,
    string? IntakeError)
{
    public bool Complete => IntakeError is null && Arrived >= Expected;

    public static async Task<DeliveryRun> RunAsync(Tenant tenant, Receiver receiver, DriverOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(options);
        var run = Guid.NewGuid().ToString("N")[..8];
        var accepted = new long[options.Calls];
        var batches = Enumerable.Range(0, options.Calls).Chunk(options.BatchSize).ToArray();
        var next = -1;
        var acceptedCalls = 0;
        string? error = null;

        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, options.Posters).Select(async _ =>
        {
            int b;
            while (Volatile.Read(ref error) is null && (b = Interlocked.Increment(ref next)) < batches.Length)
            {
                var events = batches[b].Select(i => Begin($"{run}-{i.ToString("D7", CultureInfo.InvariantCulture)}", tenant.TrackingNumber));
                try
                {
                    using var response = await tenant.Client.PostAsJsonAsync("/api/v1/calls/events", events, ct);
                    if (response.StatusCode != HttpStatusCode.Accepted)
                    {
                        var body = await response.Content.ReadAsStringAsync(ct);
                        Interlocked.CompareExchange(ref error, $"the intake answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}", null);
                        return;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    Interlocked.CompareExchange(ref error, ct.IsCancellationRequested ? "the time limit came during the intake" : $"posting failed: {e.Message}", null);
                    return;
                }
                var now = Stopwatch.GetTimestamp();
                foreach (var i in batches[b]) accepted[i] = now;
                Interlocked.Add(ref acceptedCalls, batches[b].Length);
                if (options.BatchInterval > TimeSpan.Zero) await Task.Delay(options.BatchInterval, CancellationToken.None);
            }
        }));
        var intake = Stopwatch.GetElapsedTime(started);

        var expected = acceptedCalls * options.Webhooks;
        try
        {
            await receiver.AllArrived(expected).WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // The time limit: report what arrived.
        }

        // Only calls whose 202 came back have an accepted time to measure from.
        var arrivals = receiver.FirstArrivals.Select(a => (At: a.Value, Accepted: accepted[int.Parse(a.Key.CallId.AsSpan(run.Length + 1), CultureInfo.InvariantCulture)]))
            .Where(a => a.Accepted != 0).ToArray();
        var latencies = arrivals.Select(a => a.At - a.Accepted).ToArray();
        var last = arrivals.Length == 0 ? started : arrivals.Max(a => a.At);
        return new DeliveryRun(acceptedCalls, expected, arrivals.Length, receiver.Requests, intake, Stopwatch.GetElapsedTime(started, last),
            Latencies.From(latencies.Select(l => Math.Max(0, l))), latencies.Count(l => l < 0), error);
    }

    private static Dictionary<string, string> Begin(string callId, string tracking) => new Dictionary<string, string>
    {
        ["type"] = "call.begin", ["callid"] = callId, ["tracking"] = tracking, ["ani"] = "5125550199",
        ["call_start_time"] = "2026-03-28T00:05:00.000Z", ["ani_first_name"] = "Freddy", ["ani_last_name"] = "Mercury",
        ["ani_city"] = "Austin", ["ani_state"] = "TX", ["landing_domain"] = "cars.example.com", ["utm_source"] = "google",
    };
}
