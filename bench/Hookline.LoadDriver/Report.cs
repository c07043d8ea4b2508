using System.Globalization;
using System.Runtime.InteropServices;

namespace Hookline.LoadDriver;

/// <summary>The run's figures as a Markdown table, with the machine and the settings they were measured with.</summary>
public static class Report
{
    public static void Print(TextWriter output, DriverOptions options, DeliveryRun run, Throughput? ceiling)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        var settings = string.Concat(options.Settings.Select(s => $", {s.Key}={s.Value}"));
        output.WriteLine($"machine: {CpuModel()}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
        var paced = options.BatchInterval > TimeSpan.Zero ? $" every {Ms(options.BatchInterval)}" : "";
        output.WriteLine(Invariant($"run: {options.Calls} begin events in batches of {options.BatchSize}{paced}, {options.Posters} poster(s), ")
            + Invariant($"{options.Webhooks} webhook(s), {options.Provider}, receiver delay {Ms(options.ReceiverDelay)}{settings}"));
        output.WriteLine("| figure | value |");
        output.WriteLine("|---|---|");
        var intake = options.Webhooks == 0 ? "intake alone (no webhook fires)" : "intake, while delivering";
        output.WriteLine(Invariant($"| {intake} | {run.Events / run.Intake.TotalSeconds:N0} events/s ({run.Events} events in {run.Intake.TotalSeconds:0.00} s) |"));
        if (run.Expected > 0)
        {
            output.WriteLine(Invariant($"| end-to-end delivery (first post → last receipt) | {run.Arrived / run.EndToEnd.TotalSeconds:N0} deliveries/s ({run.Arrived} of {run.Expected} in {run.EndToEnd.TotalSeconds:0.00} s) |"));
            output.WriteLine($"| delivery latency (202 → received), p50 / p99 / max | {Ms(run.Latencies.P50)} / {Ms(run.Latencies.P99)} / {Ms(run.Latencies.Max)} |");
            output.WriteLine(Invariant($"| requests received / distinct deliveries | {run.Requests} / {run.Arrived} ({run.ArrivedBeforeAccepted} arrived before their 202 was read: counted as 0 ms) |"));
        }
        if (run.IntakeError is { } error)
        {
            output.WriteLine($"| intake stopped early | {error.ReplaceLineEndings(" ").Replace("|", "/", StringComparison.Ordinal)} |");
        }
        if (ceiling is not null)
        {
            output.WriteLine(Invariant($"| bare HttpClient, {options.CeilingConcurrency} concurrent, 1 KB JSON, same receiver | {ceiling.PerSecond:N0} requests/s, p50 {Ms(ceiling.Latencies.P50)}, p99 {Ms(ceiling.Latencies.P99)} |"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : RuntimeInformation.ProcessArchitecture.ToString();
}
