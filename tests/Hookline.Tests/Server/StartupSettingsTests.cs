using System.Diagnostics;
using System.Net;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Server;

/// <summary>A setting that cannot work stops the start with exit code 1 and one line that names it, as an operator sees it.</summary>
public class StartupSettingsTests
{
    [Fact]
    public async Task AnAdminKeyUnder32Characters_StopsTheStart_WithOneLineNamingTheSetting()
    {
        var (exitCode, output) = await ServeAsync(new() { ["Hookline__Bootstrap__AdminKey"] = "a" });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("hookline: cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains("Hookline:Bootstrap:AdminKey", line, StringComparison.Ordinal);
        Assert.Contains("32 characters", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadSettingsInTwoSections_StopTheStart_NamingEach_WithoutAStackTrace()
    {
        var (exitCode, output) = await ServeAsync(new()
        {
            ["Hookline__Bootstrap__AdminKey"] = "short",
            ["Hookline__Auth__FailureBurst"] = "0",
            ["Hookline__Auth__FailureInterval"] = "00:00:00",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Hookline:Bootstrap:AdminKey", output, StringComparison.Ordinal);
        Assert.Contains("Hookline:Auth:FailureBurst", output, StringComparison.Ordinal);
        Assert.Contains("Hookline:Auth:FailureInterval", output, StringComparison.Ordinal);
        Assert.All(output.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            line => Assert.StartsWith("hookline: cannot start: ", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAdminKeyOf32Characters_IsAValidAdminKey()
    {
        const string Key = "0123456789abcdef0123456789abcdef";
        await using var app = await HooklineApp.StartAsync(Databases.Sqlite, new Dictionary<string, string?> { ["Hookline:Bootstrap:AdminKey"] = Key });
        using var response = await app.Client(Key).GetAsync("/api/v1/groups");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Runs <c>hookline serve</c> in a fresh folder with these environment variables until it exits; its stdout and stderr together.</summary>
    private static async Task<(int ExitCode, string Output)> ServeAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.CreateTempSubdirectory("hookline-start-").FullName,
        };
        foreach (var argument in new[] { typeof(Program).Assembly.Location, "serve", "--urls", "http://127.0.0.1:0" }) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
