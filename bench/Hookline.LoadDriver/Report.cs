using System.Globalization;
using System.Runtime.InteropServices;

namespace Hookline.LoadDriver;

/// <summary>Each scenario as a Markdown row, then one summary line per store, SQLite's last.</summary>
public static class Report
{
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    public static void Header(TextWriter output)
    {
        output.WriteLine($"machine: {CpuModel()}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
        output.WriteLine($"load average at start: {LoadAverage()}");
        output.WriteLine("| store | scenario | ceiling req/s | deliveries/s | ratio | intake events/s | CPU µs/delivery | p50 / p99 / max ms | peak RSS MB | lost | dup | load | note |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    }

    public static void Row(TextWriter output, ScenarioResult r)
    {
        var latency = r.Latency is { } l ? $"{Ms(l.P50)} / {Ms(l.P99)} / {Ms(l.Max)}" : "";
        var note = r.Description + (r.OrderDisplacementP99 is { } d ? Text($"; order: p99 displacement {d:0} ranks of {r.Arrived}") : "") + (r.Error is { } e ? "; " + e : "");
        output.WriteLine(Text($"| {r.Store} | {r.Name} | {N(r.CeilingPerSecond)} | {N(r.DeliveriesPerSecond)} | {R(r.Ratio)} | {N(r.IntakePerSecond)} | {(r.CpuMicrosecondsPerEvent is { } perEvent ? $"{N(perEvent)} an event" : N(r.CpuMicrosecondsPerDelivery))} | {latency} | {r.RssMb:0} | {(r.Expected > 0 ? r.Lost : "")} | {(r.Expected > 0 ? r.Duplicated : "")} | {LoadAverage()} | {note} |"));
        output.Flush();
    }

    /// <summary>
    /// <c>bench: store=… deliveries_per_s=… ratio=…</c>: the flat-out figures are the worse of 1 and 50 webhooks (each
    /// also given at the end), CPU over both, RSS the peak of any scenario, lost and duplicated summed.
    /// </summary>
    public static string Summary(string store, IReadOnlyList<ScenarioResult> results)
    {
        var flat = results.Where(r => r.Name.StartsWith("flat", StringComparison.Ordinal) && r.Ratio is not null).ToList();
        var worst = flat.MinBy(r => r.Ratio);
        var cpu = flat.Sum(r => r.CpuTime?.TotalMicroseconds ?? 0) / Math.Max(1, flat.Sum(r => r.Arrived));
        var intake = results.FirstOrDefault(r => r.Name == "intake");
        var paced = results.FirstOrDefault(r => r.Name == "paced");
        var drain = results.FirstOrDefault(r => r.Name == "drain");
        var each = string.Concat(flat.Select(r => Text($" ratio_{r.Name[4..]}wh={R(r.Ratio)}")));
        return Text($"bench: store={store} deliveries_per_s={N(worst?.DeliveriesPerSecond)} ceiling_per_s={N(worst?.CeilingPerSecond)} ratio={R(worst?.Ratio)} ")
            + Text($"cpu_us_per_delivery={(flat.Count > 0 ? cpu.ToString("0", CultureInfo.InvariantCulture) : "-")} intake_per_s={N(intake?.IntakePerSecond)} ")
            + Text($"p50_ms={D(paced?.Latency?.P50)} p99_ms={D(paced?.Latency?.P99)} drain_ratio={R(drain?.Ratio)} ")
            + Text($"rss_mb={results.Select(r => r.RssMb).DefaultIfEmpty(0).Max():0} lost={results.Sum(r => r.Lost)} duplicated={results.Sum(r => r.Duplicated)}{each} load={LoadAverage().Replace(' ', '/')}");
    }

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string N(double? v) => v is { } x ? x.ToString("0", CultureInfo.InvariantCulture) : "-";

    private static string R(double? v) => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string D(TimeSpan? t) => t is { } x ? x.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : RuntimeInformation.ProcessArchitecture.ToString();
}
