using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Hookline.LoadDriver;

/// <summary>What one delivery is to the driver: its webhook (the path /hook/N), its call and its moment.</summary>
public readonly record struct DeliveryKey(int Hook, string CallId, bool End);

/// <summary>
/// What arrived during one measurement: each request's <c>webhook-id</c> (the delivery id, the same on every repeat)
/// and when each delivery first arrived. Lost and duplicated are counted from the webhook-ids.
/// </summary>
public sealed class Ledger
{
    private readonly ConcurrentDictionary<string, int> _byWebhookId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<DeliveryKey, long> _first = new();
    private readonly ConcurrentQueue<DeliveryKey> _order = new();
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _expected = int.MaxValue;
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Distinct webhook-ids: deliveries that arrived at least once.</summary>
    public int Distinct => _byWebhookId.Count;

    public int Duplicated => Requests - Distinct;

    public IReadOnlyDictionary<DeliveryKey, long> FirstArrivals => _first;

    /// <summary>Deliveries in the order they first arrived.</summary>
    public IEnumerable<DeliveryKey> ArrivalOrder => _order;

    public Task AllArrived(int expected)
    {
        Volatile.Write(ref _expected, expected);
        if (Distinct >= expected) _all.TrySetResult();
        return _all.Task;
    }

    public void Add(string webhookId, DeliveryKey key, long at)
    {
        Interlocked.Increment(ref _requests);
        if (_first.TryAdd(key, at)) _order.Enqueue(key);
        if (_byWebhookId.AddOrUpdate(webhookId, 1, (_, n) => n + 1) == 1 && _byWebhookId.Count >= Volatile.Read(ref _expected)) _all.TrySetResult();
    }
}

/// <summary>
/// A minimal Kestrel receiver on 127.0.0.1 that answers 200, or 503 during an outage. The ceiling's requests and the
/// deliveries get the same bookkeeping, so the ratio compares like with like.
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private Ledger _ledger = new();
    private volatile bool _down;

    private Receiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public Ledger Ledger => Volatile.Read(ref _ledger);

    /// <summary>Answers 503 to every delivery while set (refused requests are not in the ledger).</summary>
    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public Ledger NewLedger()
    {
        var ledger = new Ledger();
        Volatile.Write(ref _ledger, ledger);
        return ledger;
    }

    public static async Task<Receiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Limits.MaxConcurrentConnections = null;
        });
        var app = builder.Build();
        var receiver = new Receiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var path = context.Request.Path.Value ?? "/";
        var isCeiling = path == Ceiling.Path;
        if (!isCeiling && _down)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        var json = body.GetBuffer().AsSpan(0, (int)body.Length);
        var hook = isCeiling ? -1 : int.Parse(path.AsSpan(path.LastIndexOf('/') + 1), System.Globalization.CultureInfo.InvariantCulture);
        Ledger.Add(context.Request.Headers["webhook-id"].ToString(), new DeliveryKey(hook, CallId(json), json.IndexOf("\"ANSWER\""u8) >= 0),
            Stopwatch.GetTimestamp());
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>The value of the body's <c>callid</c> member.</summary>
    private static string CallId(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("callid"u8) && reader.Read()) return reader.GetString() ?? "";
        }
        return "";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
