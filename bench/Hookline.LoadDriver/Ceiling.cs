using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Hookline.LoadDriver;

/// <summary>
/// What a bare <see cref="HttpClient"/> reaches against the same receiver, in the same run: the ceiling delivery is
/// measured against. Its requests are shaped like a delivery (a Standard JSON-sized body, the three webhook headers).
/// </summary>
public static class Ceiling
{
    public const string Path = "/ceiling";

    public static async Task<Throughput> RunAsync(Receiver receiver, int requests, int concurrency, CancellationToken ct)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        var url = new Uri(receiver.BaseAddress, Path);
        var body = Encoding.UTF8.GetBytes("{\"callid\":\"ceiling\",\"dialstatus\":\"ANSWER\",\"pad\":\"" + new string('x', 2400) + "\"}");
        receiver.NewLedger();
        await PostAllAsync(client, url, body, new long[Math.Min(requests, 10_000)], concurrency, ct); // warm-up: JIT and connections
        // The better of two runs: a ceiling caught in another process's burst would flatter the ratio.
        Throughput? best = null;
        for (var run = 0; run < 2; run++)
        {
            var latencies = new long[requests];
            var started = Stopwatch.GetTimestamp();
            await PostAllAsync(client, url, body, latencies, concurrency, ct);
            var measured = new Throughput(requests, Stopwatch.GetElapsedTime(started), Latencies.From(latencies));
            if (best is null || measured.PerSecond > best.PerSecond) best = measured;
        }
        return best!;
    }

    private static Task PostAllAsync(HttpClient client, Uri url, byte[] body, long[] latencies, int concurrency, CancellationToken ct)
    {
        var next = -1;
        var run = Guid.NewGuid().ToString("N")[..8];
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < latencies.Length)
            {
                var sent = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new("application/json");
                request.Headers.TryAddWithoutValidation("webhook-id", run + i.ToString(CultureInfo.InvariantCulture));
                request.Headers.TryAddWithoutValidation("webhook-timestamp", "1764582000");
                request.Headers.TryAddWithoutValidation("webhook-signature", "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=");
                using var response = await client.SendAsync(request, ct);
                response.EnsureSuccessStatusCode();
                latencies[i] = Stopwatch.GetTimestamp() - sent;
            }
        }));
    }
}

public sealed record Throughput(int Count, TimeSpan Elapsed, Latencies Latencies)
{
    public double PerSecond => Count / Elapsed.TotalSeconds;
}
