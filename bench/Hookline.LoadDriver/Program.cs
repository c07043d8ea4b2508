using Hookline.LoadDriver;

// End-to-end delivery load: see "End-to-end delivery" in BENCHMARKS.md. Every scenario runs the built server as its own
// process on a fresh database; all traffic is on loopback, and each scenario is bounded in count and time.
DriverOptions options;
try
{
    options = DriverOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

var serverPath = options.ServerPath ?? ServerProcess.DefaultPath();
if (!File.Exists(serverPath))
{
    await Console.Error.WriteLineAsync($"{serverPath} not found: build it first (dotnet build -c Release src/Hookline), or pass --server.");
    return 1;
}

await using var receiver = await Receiver.StartAsync();
// The driver's own code warmed up once, fully compiled, before any ceiling is measured: a cold first ceiling was
// measured at half of a later one, which would have flattered the first scenario's ratio.
await Ceiling.RunAsync(receiver, 60_000, options.CeilingConcurrency, CancellationToken.None);
var scenarios = new Scenarios(options, receiver, serverPath);
var stores = new List<Store>();
if (!options.PostgresOnly) stores.Add(Store.Sqlite);
if (options.PostgresConnectionString is { } postgres) stores.Insert(0, Store.Postgres(postgres));

Report.Header(Console.Out);
var summaries = new List<string>();
var failed = false;
foreach (var store in stores)
{
    var results = new List<ScenarioResult>();
    foreach (var name in options.Scenarios)
    {
        var result = name switch
        {
            "flat1" => await scenarios.FlatOutAsync(store, 1),
            "flat50" => await scenarios.FlatOutAsync(store, 50),
            "intake" => await scenarios.IntakeAloneAsync(store),
            "paced" => await scenarios.PacedAsync(store),
            _ => await scenarios.DrainAsync(store),
        };
        Report.Row(Console.Out, result);
        results.Add(result);
        failed |= result.Error is not null || result.Lost > 0;
    }
    summaries.Add(Report.Summary(store.Name, results));
}
// The last line is SQLite's summary (PostgreSQL's, when run, just before it).
foreach (var line in summaries) Console.WriteLine(line);
return failed ? 2 : 0;
