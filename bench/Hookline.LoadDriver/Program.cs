using Hookline.LoadDriver;

// End-to-end delivery load: see "End-to-end delivery" in BENCHMARKS.md. Bounded in count and in time; it stops by itself.
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

using var limit = new CancellationTokenSource(options.TimeLimit);
await using var receiver = await Receiver.StartAsync(options.ReceiverDelay);
var ceiling = options.CeilingRequests > 0
    ? await Ceiling.RunAsync(receiver.BaseAddress, options.CeilingRequests, options.CeilingConcurrency, limit.Token)
    : null;

DeliveryRun run;
await using (var server = await ServerHost.StartAsync(options))
{
    var tenant = await Tenant.CreateAsync(server.BaseAddress, receiver, options.Webhooks);
    using (tenant.Client)
    {
        run = await DeliveryRun.RunAsync(tenant, receiver, options, limit.Token);
    }
}

Report.Print(Console.Out, options, run, ceiling);
if (run.Complete) return 0;
await Console.Error.WriteLineAsync(run.IntakeError is null
    ? $"time limit of {options.TimeLimit.TotalSeconds} s reached: {run.Arrived} of {run.Expected} deliveries arrived"
    : $"the intake stopped early: {run.IntakeError}");
return 2;
