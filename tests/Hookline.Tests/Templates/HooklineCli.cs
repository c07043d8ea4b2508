using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Hookline.Tests.Templates;

/// <summary>Runs the built Hookline executable as a separate process, as a user or an acceptance test would.</summary>
internal static class HooklineCli
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "Hookline.dll");

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, params string[] args) =>
        StartAsync(workingDirectory, [Dll, "template", .. args]);

    /// <summary>Runs <c>dotnet run --project src/Hookline -- template ...</c>, the form the issue documents, without building again.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> DotnetRunAsync(string workingDirectory, params string[] args)
    {
        var project = Path.Combine(RepositoryRoot(), "src", "Hookline", "Hookline.csproj");
        var configuration = typeof(HooklineCli).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        return StartAsync(workingDirectory, ["run", "--project", project, "--no-build", "-c", configuration, "--", "template", .. args]);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hookline.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Hookline.slnx is not above the test output.");
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> StartAsync(string workingDirectory, string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
