using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Hookline.Tests.Infrastructure;

/// <summary>
/// A tmpfs of a few megabytes mounted on a temp folder, which a test fills to the last byte (<see cref="Fill"/>) and
/// empties again (<see cref="Free"/>): a disk that is really full, for whatever writes there. Mounting takes root or
/// CAP_SYS_ADMIN, which a CI machine or container may not grant; <see cref="TryMountAsync"/> then says why not.
/// </summary>
public sealed class SmallFileSystem : IAsyncDisposable
{
    private SmallFileSystem(string path) => Path = path;

    public string Path { get; }

    private string Filler => System.IO.Path.Combine(Path, "filler");

    /// <returns>The mounted file system, or null and the reason mounting was refused.</returns>
    public static async Task<(SmallFileSystem? Mounted, string? Refused)> TryMountAsync(int megabytes)
    {
        if (!OperatingSystem.IsLinux()) return (null, "not Linux");
        var path = Directory.CreateTempSubdirectory("hookline-tmpfs-").FullName;
        var (code, error) = await RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0700", "tmpfs", path);
        if (code == 0) return (new SmallFileSystem(path), null);
        Directory.Delete(path);
        return (null, $"mount exited {code}: {error.Trim()}");
    }

    /// <summary>Writes a file until the file system has no byte left (ENOSPC).</summary>
    /// <returns>The bytes it took.</returns>
    public long Fill()
    {
        var block = new byte[64 * 1024];
        // Unbuffered: each write reaches the file system, and a short write near the end is followed by the one that fails.
        using var file = new FileStream(Filler, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true) file.Write(block);
        }
        catch (IOException) when (new DriveInfo(Path).AvailableFreeSpace == 0)
        {
            return file.Length;
        }
    }

    public void Free() => File.Delete(Filler);

    /// <summary>Unmounts; SQLite's pooled connections, which keep the files open, are closed first.</summary>
    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        // Lazily if something still holds a file open: the mount goes once it is let go.
        if ((await RunAsync("umount", Path)).Code != 0) await RunAsync("umount", "-l", Path);
        try
        {
            Directory.Delete(Path);
        }
        catch (IOException)
        {
            // Still mounted (lazily unmounted): an empty folder in the temp directory is left.
        }
    }

    private static async Task<(int Code, string Error)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
