using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hookline.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of the test's own (initdb into a temporary folder, on a free port), so that a test can stop
/// and restart a real server under load without touching the cluster every other test shares.
/// </summary>
public sealed class OwnPostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _data;

    private OwnPostgresCluster(string bin, string data, int port)
    {
        _bin = bin;
        _data = data;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=3";

    public static async Task<OwnPostgresCluster> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => Version.Parse(Path.GetFileName(d) + ".0")).Last() + "/bin";
        var data = Path.Combine(Path.GetTempPath(), "hookline-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(data);
        await RunAsync("chown", $"postgres {data}");
        var cluster = new OwnPostgresCluster(bin, data, FreePort());
        await cluster.AsPostgresAsync("initdb", $"-D {data} -A trust -U postgres --no-sync");
        await cluster.PgCtlAsync("start");
        return cluster;
    }

    /// <summary>A fast restart: the server ends every connection (admin shutdown) and comes back on the same port.</summary>
    public Task RestartAsync() => PgCtlAsync("restart -m fast");

    private Task PgCtlAsync(string action) =>
        AsPostgresAsync("pg_ctl", $"-D {_data} -w -t 60 -l {_data}/log -o \"-p {Port} -k {_data} -c listen_addresses=127.0.0.1 -c fsync=off\" {action}");

    private Task AsPostgresAsync(string tool, string arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", $"-u postgres -- {_bin}/{tool} {arguments}")
            : RunAsync("sudo", $"-u postgres {_bin}/{tool} {arguments}");

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", $"{file} {arguments}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} exited {process.ExitCode}: {await output} {await error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgCtlAsync("stop -m immediate");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(_data, recursive: true);
    }
}
