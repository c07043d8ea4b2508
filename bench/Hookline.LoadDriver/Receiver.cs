using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Hookline.LoadDriver;

/// <summary>
/// A minimal Kestrel receiver on 127.0.0.1: answers 200 (after an optional delay) and notes when each delivery,
/// known by its path and the <c>callid</c> that opens its body, first arrived.
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Path, string CallId), long> _firstArrival = new();
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan _delay;
    private readonly WebApplication _app;
    private int _expected = int.MaxValue;
    private int _requests;

    private Receiver(WebApplication app, TimeSpan delay)
    {
        _app = app;
        _delay = delay;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request that carried a delivery, repeats included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public int Distinct => _firstArrival.Count;

    public IReadOnlyDictionary<(string Path, string CallId), long> FirstArrivals => _firstArrival;

    public static async Task<Receiver> StartAsync(TimeSpan delay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new Receiver(app, delay);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        return receiver;
    }

    /// <summary>Completes once <paramref name="expected"/> distinct deliveries have arrived.</summary>
    public Task AllArrived(int expected)
    {
        Volatile.Write(ref _expected, expected);
        if (_firstArrival.Count >= expected) _all.TrySetResult();
        return _all.Task;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var path = context.Request.Path.Value ?? "/";
        if (path != Ceiling.Path)
        {
            var now = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _requests);
            if (_firstArrival.TryAdd((path, CallId(body.GetBuffer().AsSpan(0, (int)body.Length))), now) && _firstArrival.Count >= Volatile.Read(ref _expected))
                _all.TrySetResult();
        }
        if (_delay > TimeSpan.Zero) await Task.Delay(_delay, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>The first string property of the JSON body: the template puts <c>callid</c> first.</summary>
    private static string CallId(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String) return reader.GetString()!;
        }
        return "";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
