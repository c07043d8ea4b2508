using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hookline.Tests.Infrastructure;

/// <summary>
/// A real HTTP receiver (Kestrel on 127.0.0.1, a free port) that records every request and answers as
/// programmed: first from <see cref="Enqueue"/>'s queue, then <see cref="RespondWith"/>'s function, else 200.
/// <see cref="StopAsync"/> and <see cref="RestartAsync"/> take it off and back on the same port, keeping the log.
/// </summary>
public sealed class TestReceiver : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly Queue<ReceiverResponse> _queued = new();
    private Func<ReceivedRequest, ReceiverResponse>? _responder;
    private TaskCompletionSource _arrived = NewSignal();
    private WebApplication? _app;

    private TestReceiver()
    {
    }

    public int Port { get; private set; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<TestReceiver> StartAsync()
    {
        var receiver = new TestReceiver();
        await receiver.ListenAsync(port: 0);
        return receiver;
    }

    public Uri Url(string pathAndQuery = "/hook") => new(BaseAddress, pathAndQuery);

    /// <summary>Answers the next requests with these, in order.</summary>
    public void Enqueue(params ReceiverResponse[] responses)
    {
        lock (_gate)
        {
            foreach (var response in responses)
            {
                _queued.Enqueue(response);
            }
        }
    }

    /// <summary>Answers every request that the queue does not.</summary>
    public void RespondWith(Func<ReceivedRequest, ReceiverResponse> responder)
    {
        lock (_gate)
        {
            _responder = responder;
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> requests have arrived, and returns them all.</summary>
    public Task<IReadOnlyList<ReceivedRequest>> WaitForRequestsAsync(int count, TimeSpan? timeout = null) =>
        WaitUntilAsync(requests => requests.Count >= count, $"{count} requests", timeout);

    /// <summary>
    /// Waits until the requests so far satisfy <paramref name="done"/> (asked again at each arrival), and returns them all.
    /// </summary>
    /// <param name="expected">What is awaited, in words, for the timeout's message.</param>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitUntilAsync(
        Func<IReadOnlyList<ReceivedRequest>, bool> done, string expected, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        while (true)
        {
            Task arrived;
            IReadOnlyList<ReceivedRequest> requests;
            lock (_gate)
            {
                requests = [.. _requests];
                arrived = _arrived.Task;
            }

            if (done(requests))
            {
                return requests;
            }

            try
            {
                await arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The receiver got {Requests.Count} requests, and still not {expected}.");
            }
        }
    }

    /// <summary>Closes the port: connections are refused until <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public Task RestartAsync() => _app is null ? ListenAsync(Port) : Task.CompletedTask;

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task ListenAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Port = new Uri(address).Port;
        _app = app;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

        ReceivedRequest received;
        ReceiverResponse response;
        lock (_gate)
        {
            received = new ReceivedRequest(_requests.Count + 1, request.Method, request.Path.Value ?? "/",
                request.QueryString.Value ?? "", headers, body.ToArray(), DateTimeOffset.UtcNow);
            _requests.Add(received);
            response = _queued.TryDequeue(out var next) ? next : _responder?.Invoke(received) ?? ReceiverResponse.Ok;
            _arrived.TrySetResult();
            _arrived = NewSignal();
        }

        if (response.Delay > TimeSpan.Zero)
        {
            var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            try
            {
                await Task.Delay(response.Delay, giveUp.Token);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
                return;
            }
        }

        context.Response.StatusCode = response.StatusCode;
        if (response.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = response.RetryAfter;
        }

        if (response.Location is not null)
        {
            context.Response.Headers.Location = response.Location;
        }

        if (response.Body is not null)
        {
            context.Response.ContentType = response.ContentType;
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
