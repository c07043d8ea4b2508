using System.Diagnostics;

namespace Hookline.LoadDriver;

/// <summary>What one scenario measured; figures it does not measure are null.</summary>
public sealed record ScenarioResult(string Store, string Name, string Description)
{
    public double? CeilingPerSecond { get; init; }
    public int Expected { get; init; }
    public int Arrived { get; init; }
    public int Duplicated { get; init; }
    public double? DeliveriesPerSecond { get; init; }
    public double? IntakePerSecond { get; init; }
    public TimeSpan? CpuTime { get; init; }
    public double RssMb { get; init; }
    public Latencies? Latency { get; init; }
    public double? OrderDisplacementP99 { get; init; }
    public string? Error { get; init; }

    public int Lost => Expected - Arrived;
    public double? Ratio => DeliveriesPerSecond / CeilingPerSecond;
    public double? CpuMicrosecondsPerDelivery => Arrived == 0 ? null : CpuTime?.TotalMicroseconds / Arrived;

    /// <summary>Events the intake took, where a scenario measures the intake's CPU alone.</summary>
    public int IntakeEvents { get; init; }
    public double? CpuMicrosecondsPerEvent => IntakeEvents == 0 ? null : CpuTime?.TotalMicroseconds / IntakeEvents;
}

/// <summary>The standard scenarios, each on a fresh server process and a fresh database.</summary>
public sealed class Scenarios(DriverOptions options, Receiver receiver, string serverPath)
{
    /// <summary>Flat out: every call's begin and end, posted as fast as the intake takes them, to <paramref name="webhooks"/> webhooks.</summary>
    public async Task<ScenarioResult> FlatOutAsync(Store store, int webhooks)
    {
        var ceiling = await CeilingAsync();
        await using var server = await store.StartAsync(serverPath, options.Settings);
        var tenant = await Tenant.CreateAsync(server.BaseAddress, receiver, webhooks);
        await WarmUpAsync(tenant, delivering: true);
        var intake = new Intake(tenant, options.Calls);
        var batches = Intake.Batches(options.Calls, options.BatchSize);
        var ledger = receiver.NewLedger();
        var expected = 2 * options.Calls;
        using var limit = new CancellationTokenSource(options.ScenarioTimeLimit);
        var cpu = server.CpuTime;
        var started = Stopwatch.GetTimestamp();
        await intake.PostAllAsync(batches, options.Posters, limit.Token);
        var posted = Stopwatch.GetElapsedTime(started);
        await WaitAsync(ledger, intake.AcceptedEvents, limit.Token);
        var used = server.CpuTime - cpu;
        var last = ledger.FirstArrivals.Values.DefaultIfEmpty(started).Max();
        return new ScenarioResult(store.Name, $"flat{webhooks}", Intake.Text($"flat out, {options.Calls} calls × begin + end, {webhooks} webhook(s), batches of {options.BatchSize}, {options.Posters} posters"))
        {
            CeilingPerSecond = ceiling.PerSecond, Expected = expected, Arrived = ledger.Distinct, Duplicated = ledger.Duplicated,
            DeliveriesPerSecond = ledger.Distinct / Stopwatch.GetElapsedTime(started, last).TotalSeconds,
            IntakePerSecond = intake.AcceptedEvents / posted.TotalSeconds, CpuTime = used, RssMb = server.PeakRssMb,
            Latency = LatenciesOf(ledger, intake), Error = intake.Error ?? Incomplete(ledger, expected),
        };
    }

    /// <summary>The intake alone: the same events, to a campaign that fires no webhook.</summary>
    public async Task<ScenarioResult> IntakeAloneAsync(Store store)
    {
        await using var server = await store.StartAsync(serverPath, options.Settings);
        var tenant = await Tenant.CreateAsync(server.BaseAddress, receiver, webhooks: 0);
        await WarmUpAsync(tenant, delivering: false);
        var intake = new Intake(tenant, options.Calls);
        using var limit = new CancellationTokenSource(options.ScenarioTimeLimit);
        var cpu = server.CpuTime;
        var started = Stopwatch.GetTimestamp();
        await intake.PostAllAsync(Intake.Batches(options.Calls, options.BatchSize), options.Posters, limit.Token);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new ScenarioResult(store.Name, "intake", Intake.Text($"intake alone, {2 * options.Calls} events in batches of {options.BatchSize}, {options.Posters} posters"))
        {
            IntakePerSecond = intake.AcceptedEvents / elapsed.TotalSeconds, CpuTime = server.CpuTime - cpu, IntakeEvents = intake.AcceptedEvents,
            RssMb = server.PeakRssMb, Error = intake.Error,
        };
    }

    /// <summary>
    /// A steady offered load: every 100 ms a batch of a tenth of the rate, half begins of new calls and half ends of the
    /// calls begun a second before; the latency is from each event's 202 to its delivery's first arrival.
    /// </summary>
    public async Task<ScenarioResult> PacedAsync(Store store)
    {
        var ceiling = await CeilingAsync();
        await using var server = await store.StartAsync(serverPath, options.Settings);
        var tenant = await Tenant.CreateAsync(server.BaseAddress, receiver, webhooks: 1);
        await WarmUpAsync(tenant, delivering: true);
        const int PerSecond = 10;
        var perBatch = Math.Max(1, options.PacedEventsPerSecond / PerSecond / 2);
        var ticks = (int)(options.PacedFor.TotalSeconds * PerSecond);
        var calls = perBatch * ticks;
        var intake = new Intake(tenant, calls);
        var ledger = receiver.NewLedger();
        using var limit = new CancellationTokenSource(options.ScenarioTimeLimit);
        var cpu = server.CpuTime;
        var started = Stopwatch.GetTimestamp();
        var posts = new List<Task>();
        for (var tick = 0; tick < ticks + PerSecond; tick++)
        {
            var batch = new List<CallEvent>();
            if (tick < ticks) batch.AddRange(Enumerable.Range(tick * perBatch, perBatch).Select(c => new CallEvent(c, false)));
            if (tick >= PerSecond) batch.AddRange(Enumerable.Range((tick - PerSecond) * perBatch, perBatch).Select(c => new CallEvent(c, true)));
            CallEvent[] events = [.. batch];
            posts.Add(intake.PostAsync(events, intake.Body(events), limit.Token));
            var due = started + (long)((tick + 1) * Stopwatch.Frequency / (double)PerSecond);
            var wait = TimeSpan.FromSeconds((due - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, limit.Token);
        }
        await Task.WhenAll(posts);
        await WaitAsync(ledger, intake.AcceptedEvents, limit.Token);
        return new ScenarioResult(store.Name, "paced", Intake.Text($"paced, {options.PacedEventsPerSecond} events/s offered for {options.PacedFor.TotalSeconds} s (begin, and end 1 s later), 1 webhook"))
        {
            CeilingPerSecond = ceiling.PerSecond, Expected = 2 * calls, Arrived = ledger.Distinct, Duplicated = ledger.Duplicated,
            CpuTime = server.CpuTime - cpu, RssMb = server.PeakRssMb, Latency = LatenciesOf(ledger, intake),
            Error = intake.Error ?? Incomplete(ledger, 2 * calls),
        };
    }

    /// <summary>
    /// A backlog: the receiver answers 503 while the calls come in (the webhook goes down and its deliveries wait), then
    /// comes back; the drain rate is from the first delivery that arrives to the last.
    /// </summary>
    public async Task<ScenarioResult> DrainAsync(Store store)
    {
        var settings = new Dictionary<string, string?>(options.Settings, StringComparer.OrdinalIgnoreCase)
        {
            // Probe every second, so the webhook is found up soon after the receiver is back whenever the intake ends.
            ["Hookline:Delivery:ProbeSchedule:0"] = "00:00:01",
        };
        await using var server = await store.StartAsync(serverPath, settings);
        var tenant = await Tenant.CreateAsync(server.BaseAddress, receiver, webhooks: 1);
        await WarmUpAsync(tenant, delivering: true);
        var calls = options.DrainDeliveries / 2;
        var intake = new Intake(tenant, calls);
        using var limit = new CancellationTokenSource(options.ScenarioTimeLimit + options.ScenarioTimeLimit);
        receiver.NewLedger();
        receiver.Down = true;
        try
        {
            var posting = Stopwatch.GetTimestamp();
            await intake.PostAllAsync(Intake.Batches(calls, options.BatchSize), options.Posters, limit.Token);
            var intakeRate = intake.AcceptedEvents / Stopwatch.GetElapsedTime(posting).TotalSeconds;
            var ceiling = await CeilingAsync();
            var ledger = receiver.NewLedger();
            var cpu = server.CpuTime;
            receiver.Down = false;
            await WaitAsync(ledger, intake.AcceptedEvents, limit.Token);
            var arrivals = ledger.FirstArrivals.Values.ToArray();
            var span = arrivals.Length < 2 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(arrivals.Min(), arrivals.Max());
            return new ScenarioResult(store.Name, "drain", Intake.Text($"drain of a {2 * calls}-delivery backlog (receiver answered 503 during the intake), 1 webhook"))
            {
                CeilingPerSecond = ceiling.PerSecond, Expected = intake.AcceptedEvents, Arrived = ledger.Distinct, Duplicated = ledger.Duplicated,
                DeliveriesPerSecond = span > TimeSpan.Zero ? ledger.Distinct / span.TotalSeconds : null, IntakePerSecond = intakeRate,
                CpuTime = server.CpuTime - cpu, RssMb = server.PeakRssMb, OrderDisplacementP99 = Displacement(ledger, intake),
                Error = intake.Error ?? Incomplete(ledger, intake.AcceptedEvents),
            };
        }
        finally
        {
            receiver.Down = false;
        }
    }

    /// <summary>
    /// Posts <see cref="DriverOptions.WarmUpCalls"/> calls first and waits for their deliveries, as the ceiling warms up its
    /// client: a server that has run a while has its code compiled and its queries planned. None of it is measured.
    /// </summary>
    private async Task WarmUpAsync(Tenant tenant, bool delivering)
    {
        if (options.WarmUpCalls == 0) return;
        var warm = new Intake(tenant, options.WarmUpCalls);
        var ledger = receiver.NewLedger();
        using var limit = new CancellationTokenSource(options.ScenarioTimeLimit);
        await warm.PostAllAsync(Intake.Batches(options.WarmUpCalls, options.BatchSize), options.Posters, limit.Token);
        if (warm.Error is { } error) throw new InvalidOperationException($"warm-up: {error}");
        if (delivering) await WaitAsync(ledger, warm.AcceptedEvents * (tenant.TrackingNumbers.Count > 0 ? 1 : 0), limit.Token);
    }

    private Task<Throughput> CeilingAsync() => Ceiling.RunAsync(receiver, options.CeilingRequests, options.CeilingConcurrency, CancellationToken.None);

    private static async Task WaitAsync(Ledger ledger, int expected, CancellationToken ct)
    {
        try
        {
            await ledger.AllArrived(expected).WaitAsync(ct);
            await Task.Delay(300, CancellationToken.None); // a duplicate would arrive now
        }
        catch (OperationCanceledException)
        {
            // The time limit: report what arrived.
        }
    }

    private static string? Incomplete(Ledger ledger, int expected) =>
        ledger.Distinct >= expected ? null : Intake.Text($"time limit: {ledger.Distinct} of {expected} deliveries arrived");

    private static Latencies LatenciesOf(Ledger ledger, Intake intake) => Latencies.From(ledger.FirstArrivals
        .Select(a => (a.Value, Accepted: intake.Accepted[new CallEvent(intake.CallOf(a.Key.CallId), a.Key.End).Index]))
        .Where(a => a.Accepted != 0).Select(a => Math.Max(0, a.Value - a.Accepted)));

    /// <summary>
    /// How far from oldest-first the drain was: the 99th percentile of |arrival rank − creation rank| over every delivery,
    /// creation rank being the order in which the events' 202s came back (a batch's events share theirs). A batch's
    /// size and the parallel sends alone make it a few hundred.
    /// </summary>
    private static double Displacement(Ledger ledger, Intake intake)
    {
        var arrived = ledger.ArrivalOrder.Select(k => new CallEvent(intake.CallOf(k.CallId), k.End).Index).ToArray();
        var rankOf = arrived.OrderBy(i => intake.Accepted[i]).ThenBy(i => i).Select((index, rank) => (index, rank)).ToDictionary(x => x.index, x => x.rank);
        var displacement = arrived.Select((index, arrival) => (double)Math.Abs(arrival - rankOf[index])).Order().ToArray();
        return displacement.Length == 0 ? 0 : displacement[(int)Math.Ceiling(0.99 * displacement.Length) - 1];
    }
}
