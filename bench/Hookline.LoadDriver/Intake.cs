using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Hookline.LoadDriver;

/// <summary>One call event of a run: event i is call i / 2's begin (even) or end (odd).</summary>
public readonly record struct CallEvent(int Call, bool End)
{
    public int Index => (2 * Call) + (End ? 1 : 0);
}

/// <summary>Posts batches of call events and notes when each event's 202 was read.</summary>
public sealed class Intake(Tenant tenant, int calls)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    /// <summary>Stopwatch timestamp of each event's 202 (0: not accepted), by <see cref="CallEvent.Index"/>.</summary>
    public long[] Accepted { get; } = new long[2 * calls];

    public int AcceptedEvents => Volatile.Read(ref _accepted);

    public string? Error => Volatile.Read(ref _error);

    private int _accepted;
    private string? _error;

    public string CallId(int call) => _run + "-" + call.ToString("D7", CultureInfo.InvariantCulture);

    public int CallOf(string callId) => int.Parse(callId.AsSpan(_run.Length + 1), CultureInfo.InvariantCulture);

    /// <summary>
    /// Batches of <paramref name="size"/> events: each holds the begins of half a batch of new calls and the ends of the
    /// calls begun in the batch before, as a telephony platform reports calls that last a little while.
    /// </summary>
    public static List<CallEvent[]> Batches(int calls, int size)
    {
        var half = Math.Max(1, size / 2);
        var batches = new List<CallEvent[]>();
        for (var start = 0; start < calls + half; start += half)
        {
            var batch = new List<CallEvent>(size);
            for (var c = start; c < Math.Min(calls, start + half); c++) batch.Add(new CallEvent(c, false));
            for (var c = start - half; c < Math.Min(calls, start); c++) if (c >= 0) batch.Add(new CallEvent(c, true));
            if (batch.Count > 0) batches.Add([.. batch]);
        }
        return batches;
    }

    /// <summary>Posts the batches, <paramref name="posters"/> at a time, in order; stops at the first answer other than 202.</summary>
    public async Task PostAllAsync(IReadOnlyList<CallEvent[]> batches, int posters, CancellationToken ct)
    {
        var bodies = batches.Select(Body).ToArray();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, posters).Select(async _ =>
        {
            int b;
            while (Error is null && (b = Interlocked.Increment(ref next)) < batches.Count) await PostAsync(batches[b], bodies[b], ct);
        }));
    }

    public async Task PostAsync(CallEvent[] batch, byte[] body, CancellationToken ct)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await tenant.Client.PostAsync(new Uri("/api/v1/calls/events", UriKind.Relative), content, ct);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                Interlocked.CompareExchange(ref _error, $"the intake answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}", null);
                return;
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            Interlocked.CompareExchange(ref _error, ct.IsCancellationRequested ? "the time limit came during the intake" : $"posting failed: {e.Message}", null);
            return;
        }
        var now = Stopwatch.GetTimestamp();
        foreach (var e in batch) Accepted[e.Index] = now;
        Interlocked.Add(ref _accepted, batch.Length);
    }

    public byte[] Body(CallEvent[] batch)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            foreach (var e in batch)
            {
                json.WriteStartObject();
                json.WriteString("type", e.End ? "call.end" : "call.begin");
                json.WriteString("callid", CallId(e.Call));
                if (e.End)
                {
                    json.WriteNumber("dialed_time", 36);
                    json.WriteNumber("answered_time", 29);
                    json.WriteString("dialstatus", "ANSWER");
                    json.WriteString("call_end_time", "2026-03-28T00:05:30.000Z");
                }
                else
                {
                    json.WriteString("tracking", tenant.TrackingNumbers[e.Call % tenant.TrackingNumbers.Count]);
                    json.WriteString("ani", "5125550199");
                    json.WriteString("call_start_time", "2026-03-28T00:05:00.000Z");
                    json.WriteString("ani_first_name", "Freddy");
                    json.WriteString("ani_last_name", "Mercury");
                    json.WriteString("ani_city", "Austin");
                    json.WriteString("ani_state", "TX");
                    json.WriteString("landing_domain", "cars.example.com");
                    json.WriteString("utm_source", "google");
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return stream.ToArray();
    }

    public static string Describe(int events, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{events / elapsed.TotalSeconds:N0} events/s ({events} in {elapsed.TotalSeconds:0.00} s)");

    internal static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    internal static readonly Encoding Utf8 = new UTF8Encoding(false);
}
