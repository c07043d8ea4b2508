using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Hookline.LoadDriver;

/// <summary>
/// The built server (Hookline.dll) as its own process, configured through its environment as an operator would, on a
/// fresh data folder; its CPU time and peak RSS are read from <c>/proc</c>, so they are Hookline's alone.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    public const string AdminKey = "hk_load_admin_0123456789abcdefghijklmnopqrstuv";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _data;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _output = new();

    private ServerProcess(Process process, string data)
    {
        _process = process;
        _data = data;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public int Id => _process.Id;

    /// <param name="postgres">A connection string to an empty PostgreSQL database, or null for a fresh SQLite file.</param>
    public static async Task<ServerProcess> StartAsync(string serverPath, string? postgres, IReadOnlyDictionary<string, string?> extra)
    {
        var data = Directory.CreateTempSubdirectory("hookline-load-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = data,
        };
        foreach (var argument in new[] { serverPath, "serve", "--urls", "http://127.0.0.1:0" }) start.ArgumentList.Add(argument);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            ["Hookline:Storage:DataDirectory"] = Path.Combine(data, "data"),
            ["Hookline:Bootstrap:AdminKey"] = AdminKey,
            ["Hookline:Delivery:AllowPrivateNetworks"] = "true",
        };
        if (postgres is not null)
        {
            settings["Hookline:Storage:Provider"] = "postgres";
            settings["Hookline:Storage:ConnectionString"] = postgres;
        }
        foreach (var (key, value) in extra) settings[key] = value;
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var server = new ServerProcess(new Process { StartInfo = start, EnableRaisingEvents = true }, data);
        server._process.OutputDataReceived += (_, e) => server.Read(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Read(e.Data);
        server._process.Exited += (_, _) => server._listening.TrySetException(new InvalidOperationException($"The server exited:\n{server.Output}"));
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        server.BaseAddress = await server._listening.Task.WaitAsync(StartTimeout);
        // For a profiler to attach to (dotnet-trace collect -p PID).
        await Console.Error.WriteLineAsync($"server process {server.Id} listening on {server.BaseAddress}");
        return server;
    }

    public string Output
    {
        get
        {
            lock (_output) return string.Join('\n', _output);
        }
    }

    /// <summary>User plus system CPU time the process has used so far (<c>/proc/PID/stat</c>, fields 14 and 15).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            var stat = File.ReadAllText($"/proc/{Id}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
        }
    }

    /// <summary>The peak resident set size so far (<c>VmHWM</c> of <c>/proc/PID/status</c>), in MB.</summary>
    public double PeakRssMb
    {
        get
        {
            var line = File.ReadLines($"/proc/{Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
    }

    // USER_HZ, which Linux fixes at 100 for /proc on every architecture .NET runs on.
    private const int ClockTicksPerSecond = 100;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left behind in the temporary folder.
        }
    }

    private void Read(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > 40) _output.Dequeue();
        }
        if (ListeningOn().Match(line) is { Success: true } match) _listening.TrySetResult(new Uri(match.Groups[1].Value));
    }

    /// <summary>src/Hookline/bin/Release/net10.0/Hookline.dll of the checkout this driver was built in.</summary>
    public static string DefaultPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hookline.slnx")))
                return Path.Combine(dir.FullName, "src", "Hookline", "bin", "Release", "net10.0", "Hookline.dll");
        }
        throw new InvalidOperationException("Hookline.slnx not found above the driver; pass --server path/to/Hookline.dll.");
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
