using System.Diagnostics;

namespace Hookline.LoadDriver;

public sealed record Latencies(TimeSpan P50, TimeSpan P99, TimeSpan Max)
{
    /// <param name="ticks">Durations in <see cref="Stopwatch"/> ticks.</param>
    public static Latencies From(IEnumerable<long> ticks)
    {
        var sorted = ticks.Order().ToArray();
        if (sorted.Length == 0) return new Latencies(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        return new Latencies(At(sorted, 0.50), At(sorted, 0.99), Time(sorted[^1]));
    }

    private static TimeSpan At(long[] sorted, double quantile) => Time(sorted[(int)Math.Ceiling(quantile * sorted.Length) - 1]);

    private static TimeSpan Time(long ticks) => TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency);
}
