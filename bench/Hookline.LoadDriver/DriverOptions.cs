using System.Globalization;

namespace Hookline.LoadDriver;

/// <summary>The run's bounds, from <c>--name value</c> arguments; every default is the standard set of BENCHMARKS.md.</summary>
public sealed class DriverOptions
{
    public static readonly string[] AllScenarios = ["flat1", "flat50", "intake", "paced", "drain"];

    public IReadOnlyList<string> Scenarios { get; private set; } = AllScenarios;
    public int Calls { get; private set; } = 10_000;
    public int BatchSize { get; private set; } = 500;
    public int Posters { get; private set; } = 4;
    public int PacedEventsPerSecond { get; private set; } = 1_000;
    public TimeSpan PacedFor { get; private set; } = TimeSpan.FromSeconds(20);
    public int DrainDeliveries { get; private set; } = 100_000;
    public int CeilingRequests { get; private set; } = 30_000;

    /// <summary>
    /// Calls posted (and delivered) before each scenario's measurement; 0 for none. Enough for the server's steady state:
    /// until the JIT has replaced the framework's precompiled code and its own first-tier code with optimized code, which
    /// on this machine took 20,000-40,000 calls flat out (after 2,000 a delivery still cost a third more CPU; BENCHMARKS.md).
    /// </summary>
    public int WarmUpCalls { get; private set; } = 40_000;
    public int CeilingConcurrency { get; private set; } = 64;
    public TimeSpan ScenarioTimeLimit { get; private set; } = TimeSpan.FromSeconds(150);

    /// <summary>The built server; by default src/Hookline/bin/Release/net10.0/Hookline.dll of this checkout.</summary>
    public string? ServerPath { get; private set; }

    /// <summary>A connection string to a PostgreSQL server whose role may create databases: runs the set on PostgreSQL too.</summary>
    public string? PostgresConnectionString { get; private set; }

    /// <summary>Skips the SQLite runs (with <c>--postgres</c>).</summary>
    public bool PostgresOnly { get; private set; }

    /// <summary>Extra server configuration (<c>--set Hookline:Delivery:MaxConcurrency=128</c>), applied last.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public const string Usage = """
        Hookline.LoadDriver [--scenarios flat1,flat50,intake,paced,drain] [--calls 10000] [--warmup-calls 40000] [--batch 500] [--posters 4]
                            [--paced-rate 1000] [--paced-s 20] [--drain 100000] [--ceiling-requests 30000] [--ceiling-concurrency 64]
                            [--time-limit-s 150 (per scenario)] [--server path/to/Hookline.dll]
                            [--postgres "<connection string; its role creates a database per scenario>"] [--postgres-only true]
                            [--set Section:Key=value]...
        """;

    public static DriverOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new DriverOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length) throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            var value = args[i + 1];
            switch (args[i])
            {
                case "--scenarios":
                    options.Scenarios = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (options.Scenarios.FirstOrDefault(s => !AllScenarios.Contains(s)) is { } unknown)
                        throw new ArgumentException($"Unknown scenario '{unknown}': one of {string.Join(", ", AllScenarios)}.");
                    break;
                case "--calls": options.Calls = Positive(args[i], value); break;
                case "--warmup-calls": options.WarmUpCalls = value == "0" ? 0 : Positive(args[i], value); break;
                case "--batch": options.BatchSize = Positive(args[i], value); break;
                case "--posters": options.Posters = Positive(args[i], value); break;
                case "--paced-rate": options.PacedEventsPerSecond = Positive(args[i], value); break;
                case "--paced-s": options.PacedFor = TimeSpan.FromSeconds(Positive(args[i], value)); break;
                case "--drain": options.DrainDeliveries = Positive(args[i], value); break;
                case "--ceiling-requests": options.CeilingRequests = Positive(args[i], value); break;
                case "--ceiling-concurrency": options.CeilingConcurrency = Positive(args[i], value); break;
                case "--time-limit-s": options.ScenarioTimeLimit = TimeSpan.FromSeconds(Positive(args[i], value)); break;
                case "--server": options.ServerPath = value; break;
                case "--postgres": options.PostgresConnectionString = value; break;
                case "--postgres-only": options.PostgresOnly = bool.Parse(value); break;
                case "--set" when value.Split('=', 2) is [var key, var setting]:
                    options.Settings[key] = setting;
                    break;
                default: throw new ArgumentException($"Unknown or malformed argument {args[i]} {value}.\n{Usage}");
            }
        }
        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive integer (got '{value}').");
}
