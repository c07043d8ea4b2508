using System.Runtime.Versioning;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Server;

/// <summary>
/// The SQLite file holds the data-protection key ring beside the secrets it encrypts: a copy of it is a copy of
/// every secret. So it, its -wal and its -shm are readable by their owner only, however the folder is set.
/// </summary>
public class DataFileModeTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnly | UnixFileMode.UserExecute;

    [Fact]
    public async Task AFreshDataDirectory_GetsADatabaseWalAndShm_ReadableByTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return;
        var dataDirectory = Path.Combine(Directory.CreateTempSubdirectory("hookline-modes-").FullName, "data");
        await using (var app = await HooklineApp.StartAsync(Databases.Sqlite, Settings(dataDirectory, connectionString: null)))
        {
            await Tenant.CreateAsync(app);
            Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(dataDirectory));
            AssertOwnerOnly(Path.Combine(dataDirectory, "hookline.db"));
        }
    }

    [Fact]
    public async Task AConnectionStringNamingANewFile_GetsItReadableByTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return;
        var folder = Directory.CreateTempSubdirectory("hookline-modes-").FullName;
        var path = Path.Combine(folder, "custom.db");
        await using (var app = await HooklineApp.StartAsync(Databases.Sqlite, Settings(folder, $"Data Source={path}")))
        {
            await Tenant.CreateAsync(app);
            AssertOwnerOnly(path);
        }
    }

    [Fact]
    public async Task ADatabaseMadeBeforeFilesWereOwnerOnly_IsMadeOwnerOnlyAtStart()
    {
        if (OperatingSystem.IsWindows()) return;
        var dataDirectory = Directory.CreateTempSubdirectory("hookline-modes-").FullName;
        var database = Path.Combine(dataDirectory, "hookline.db");
        await File.WriteAllBytesAsync(database, []);
        File.SetUnixFileMode(database, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await using (var app = await HooklineApp.StartAsync(Databases.Sqlite, Settings(dataDirectory, connectionString: null)))
        {
            await Tenant.CreateAsync(app);
            AssertOwnerOnly(database);
        }
    }

    /// <summary>While the server runs, so the -wal and -shm that SQLite makes beside the file are there too.</summary>
    [UnsupportedOSPlatform("windows")]
    private static void AssertOwnerOnly(string database)
    {
        foreach (var path in new[] { database, database + "-wal", database + "-shm" })
        {
            Assert.True(File.Exists(path), $"{path} is missing");
            Assert.True(File.GetUnixFileMode(path) == OwnerOnly, $"{Path.GetFileName(path)} is {File.GetUnixFileMode(path)}");
        }
    }

    private static Dictionary<string, string?> Settings(string dataDirectory, string? connectionString) => new()
    {
        ["Hookline:Storage:Provider"] = Databases.Sqlite,
        ["Hookline:Storage:DataDirectory"] = dataDirectory,
        ["Hookline:Storage:ConnectionString"] = connectionString,
        ["Hookline:Bootstrap:AdminKey"] = HooklineApp.AdminKey,
    };
}
