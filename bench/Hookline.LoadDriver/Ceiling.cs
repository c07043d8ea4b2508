using System.Diagnostics;
using System.Text;

namespace Hookline.LoadDriver;

/// <summary>What a bare <see cref="HttpClient"/> reaches against the same receiver: the ceiling delivery is measured against.</summary>
public static class Ceiling
{
    public const string Path = "/ceiling";

    public static async Task<Throughput> RunAsync(Uri receiver, int requests, int concurrency, CancellationToken ct)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        var url = new Uri(receiver, Path);
        var body = Encoding.UTF8.GetBytes("{\"callid\":\"ceiling\",\"pad\":\"" + new string('x', 1000) + "\"}");
        await PostAllAsync(client, url, body, new long[Math.Min(requests, 2_000)], concurrency, ct); // warm-up: JIT and connections
        var latencies = new long[requests];
        var started = Stopwatch.GetTimestamp();
        await PostAllAsync(client, url, body, latencies, concurrency, ct);
        return new Throughput(requests, Stopwatch.GetElapsedTime(started), Latencies.From(latencies));
    }

    /// <summary>One POST per slot of <paramref name="latencies"/>, <paramref name="concurrency"/> at a time; each slot gets its request's duration.</summary>
    private static Task PostAllAsync(HttpClient client, Uri url, byte[] body, long[] latencies, int concurrency, CancellationToken ct)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < latencies.Length)
            {
                var sent = Stopwatch.GetTimestamp();
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json");
                using var response = await client.PostAsync(url, content, ct);
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
