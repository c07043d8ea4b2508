using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hookline.Tests.Infrastructure;

/// <summary>The ways a receiver can misbehave at the socket level, below anything Kestrel would let a handler do.</summary>
public enum Misbehaviour
{
    /// <summary>Reads the request and never answers.</summary>
    NeverAnswers,

    /// <summary>200 and a chunked body that never ends.</summary>
    EndlessBody,

    /// <summary>200 and a 100 MB body, as fast as the socket takes it.</summary>
    HundredMegabyteBody,

    /// <summary>The status line and headers at a byte a second.</summary>
    TrickleAByteASecond,

    /// <summary>Resets the connection on arrival.</summary>
    ResetsConnections,

    /// <summary>A 200, after 14 seconds.</summary>
    AnswersAfter14Seconds,
}

/// <summary>A receiver on 127.0.0.1 that misbehaves one way (<see cref="Misbehaviour"/>), counting its connections.</summary>
public sealed class BadReceiver : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Misbehaviour _how;
    private readonly ConcurrentQueue<(long Opened, long Closed)> _served = new();
    private int _connections;

    public BadReceiver(Misbehaviour how)
    {
        _how = how;
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/leads");

    /// <summary>
    /// The most connections open at once, as seen here, a connection counted closed <paramref name="lag"/> before this
    /// side saw it close: a client that closes one and opens the next at once is not two at once for the moment the
    /// close takes to arrive. Connections still open count as open to now.
    /// </summary>
    public int MostOpen(TimeSpan lag)
    {
        var now = Stopwatch.GetTimestamp();
        var spans = _served.Select(s => (s.Opened, Closed: Math.Max(s.Opened + 1, s.Closed - (long)(lag.TotalSeconds * Stopwatch.Frequency))))
            .Concat(_opened.Values.Select(o => (Opened: o, Closed: now))).ToList();
        return spans.Count == 0 ? 0 : spans.Max(s => spans.Count(o => o.Opened <= s.Opened && s.Opened < o.Closed));
    }

    private readonly ConcurrentDictionary<int, long> _opened = new();

    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var id = Interlocked.Increment(ref _connections);
        var opened = Stopwatch.GetTimestamp();
        _opened[id] = opened;
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var ct = gone.Token;
        try
        {
            using var stream = new NetworkStream(socket, ownsSocket: true);
            if (_how == Misbehaviour.ResetsConnections)
            {
                socket.LingerState = new LingerOption(true, 0);
                return;
            }
            await ReadRequestHeadAsync(stream, ct);
            // Counted open only while the client keeps the connection: a write may not notice it gone for a while.
            _ = ClosedAsync(stream, ct).ContinueWith(_ =>
            {
                try
                {
                    gone.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // Served and done already.
                }
            }, TaskScheduler.Default);
            switch (_how)
            {
                case Misbehaviour.NeverAnswers:
                    await Task.Delay(System.Threading.Timeout.Infinite, ct);
                    break;
                case Misbehaviour.EndlessBody:
                    await WriteAsync(stream, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", ct);
                    var chunk = Encoding.ASCII.GetBytes($"1000\r\n{new string('x', 4096)}\r\n");
                    while (true) await stream.WriteAsync(chunk, ct);
                case Misbehaviour.HundredMegabyteBody:
                    await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 104857600\r\n\r\n", ct);
                    var block = new byte[64 * 1024];
                    Array.Fill(block, (byte)'y');
                    for (var sent = 0; sent < 104_857_600; sent += block.Length) await stream.WriteAsync(block, ct);
                    break;
                case Misbehaviour.TrickleAByteASecond:
                    foreach (var b in Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
                    {
                        await stream.WriteAsync(new[] { b }, ct);
                        await Task.Delay(1000, ct);
                    }
                    break;
                case Misbehaviour.AnswersAfter14Seconds:
                    await Task.Delay(TimeSpan.FromSeconds(14), ct);
                    await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", ct);
                    break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client gave up: what a misbehaving receiver is there to see.
        }
        finally
        {
            _opened.TryRemove(id, out _);
            _served.Enqueue((opened, Stopwatch.GetTimestamp()));
        }
    }

    /// <summary>Reads up to the end of the request's headers (the body, if any, is left: these receivers do not care).</summary>
    private static async Task ReadRequestHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var seen = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one, ct) == 1)
        {
            seen.Add(one[0]);
            if (seen.Count >= 4 && seen[^4] == '\r' && seen[^3] == '\n' && seen[^2] == '\r' && seen[^1] == '\n') return;
        }
    }

    /// <summary>Ends when the client closes its side (or the receiver stops).</summary>
    private static async Task ClosedAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[1024];
        while (await stream.ReadAsync(buffer, ct) > 0)
        {
        }
        throw new IOException("closed by the client");
    }

    private static Task WriteAsync(NetworkStream stream, string text, CancellationToken ct) => stream.WriteAsync(Encoding.ASCII.GetBytes(text), ct).AsTask();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _stop.Dispose();
    }
}
