using System.Globalization;

namespace Hookline.LoadDriver;

/// <summary>The run's bounds and the server's settings, from <c>--name value</c> arguments.</summary>
public sealed class DriverOptions
{
    public int Calls { get; private set; } = 10_000;
    public int BatchSize { get; private set; } = 500;
    public int Posters { get; private set; } = 1;
    public int Webhooks { get; private set; } = 1;
    public int CeilingRequests { get; private set; } = 30_000;
    public int CeilingConcurrency { get; private set; } = 64;
    public TimeSpan ReceiverDelay { get; private set; }

    /// <summary>A poster's pause after each batch: offers a steady load below capacity instead of all at once.</summary>
    public TimeSpan BatchInterval { get; private set; }
    public TimeSpan TimeLimit { get; private set; } = TimeSpan.FromMinutes(3);
    public string Provider { get; private set; } = "sqlite";
    public string? PostgresConnectionString { get; private set; }

    /// <summary>Extra server configuration (<c>--set Hookline:Delivery:MaxConcurrency=128</c>), applied last.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public const string Usage = """
        Hookline.LoadDriver [--calls 10000] [--batch 500] [--batch-interval-ms 0] [--posters 1] [--webhooks 1 (0: intake alone)] [--receiver-delay-ms 0]
                            [--ceiling-requests 30000] [--ceiling-concurrency 64] [--time-limit-s 180]
                            [--postgres "<connection string to an empty database>"] [--set Section:Key=value]...
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
                case "--calls": options.Calls = Positive(args[i], value); break;
                case "--batch": options.BatchSize = Positive(args[i], value); break;
                case "--posters": options.Posters = Positive(args[i], value); break;
                case "--webhooks": options.Webhooks = Positive(args[i], value, allowZero: true); break;
                case "--batch-interval-ms": options.BatchInterval = TimeSpan.FromMilliseconds(Positive(args[i], value, allowZero: true)); break;
                case "--receiver-delay-ms": options.ReceiverDelay = TimeSpan.FromMilliseconds(Positive(args[i], value, allowZero: true)); break;
                case "--ceiling-requests": options.CeilingRequests = Positive(args[i], value, allowZero: true); break;
                case "--ceiling-concurrency": options.CeilingConcurrency = Positive(args[i], value); break;
                case "--time-limit-s": options.TimeLimit = TimeSpan.FromSeconds(Positive(args[i], value)); break;
                case "--postgres":
                    options.Provider = "postgres";
                    options.PostgresConnectionString = value;
                    break;
                case "--set" when value.Split('=', 2) is [var key, var setting]:
                    options.Settings[key] = setting;
                    break;
                default: throw new ArgumentException($"Unknown or malformed argument {args[i]} {value}.\n{Usage}");
            }
        }
        return options;
    }

    private static int Positive(string name, string value, bool allowZero = false) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && (n > 0 || allowZero && n == 0)
            ? n
            : throw new ArgumentException($"{name} must be a {(allowZero ? "non-negative" : "positive")} integer (got '{value}').");
}
