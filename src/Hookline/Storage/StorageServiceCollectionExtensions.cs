using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Hookline.Storage;

public static class StorageServiceCollectionExtensions
{
    private const string DatabaseFileName = "hookline.db";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Registers <see cref="HooklineDbContext"/> as the context of the configured provider. Both providers'
    /// contexts are registered and the choice is made when one is resolved, so configuration given late
    /// (tests, environment) is honoured.
    /// </summary>
    public static IServiceCollection AddHooklineStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations()
            .Validate(o => !o.IsPostgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Hookline:Storage:ConnectionString is required when the provider is postgres.")
            .ValidateOnStart();
        services.AddDbContextPool<SqliteHooklineDbContext>((sp, db) => UseSqlite(db, SqliteConnectionString(Options(sp))));
        services.AddDbContextPool<PostgresHooklineDbContext>((sp, db) => UsePostgres(db, Options(sp).ConnectionString!));
        services.AddScoped<HooklineDbContext>(sp => Options(sp).IsPostgres
            ? sp.GetRequiredService<PostgresHooklineDbContext>()
            : sp.GetRequiredService<SqliteHooklineDbContext>());
        return services;
    }

    private static StorageOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<StorageOptions>>().Value;

    /// <summary>Connections a node opens at most unless its connection string says otherwise (Npgsql's own default is 100).</summary>
    public const int DefaultPostgresPoolSize = 30;

    internal static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder db, string connectionString) =>
        QuietExpectedFailures(db.UseNpgsql(WithPoolLimit(connectionString), o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)));

    /// <summary>
    /// PostgreSQL allows 100 connections by default, and a node answering a burst of requests would take every one
    /// (then fail with "remaining connection slots are reserved"); a node keeps to a share instead, and requests
    /// beyond it wait for a free connection. A <c>Maximum Pool Size</c> other than 100 in the connection string is kept.
    /// </summary>
    internal static string WithPoolLimit(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        // Npgsql's default (100) stands for "not given": any other value is the operator's.
        if (builder.MaxPoolSize == new Npgsql.NpgsqlConnectionStringBuilder().MaxPoolSize) builder.MaxPoolSize = DefaultPostgresPoolSize;
        return builder.ConnectionString;
    }

    /// <summary>
    /// A list in a query (<c>keys.Contains(c.Key)</c>) goes as one parameter (SQLite's <c>json_each</c>, PostgreSQL's
    /// <c>= ANY</c>), not as one parameter per item, EF Core 10's default: the intake looks up 500 call keys at a time,
    /// and SQLite finds each of 500 named parameters by walking the statement's list of names, which cost 2.5% of
    /// the server's CPU flat out (BENCHMARKS.md).
    /// </summary>
    internal static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder db, string connectionString) =>
        QuietExpectedFailures(db.UseSqlite(connectionString, o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)));

    /// <summary>
    /// A failed command or save is logged by EF Core as an error with its stack trace, but most are expected races
    /// (two posts for one call, two writes of one name) that the caller retries or answers 409. The caller knows which
    /// is which: the intake logs its last failed try, the dispatcher its failures, the exception handler anything it
    /// did not expect, each as an error. EF Core's own lines go to debug.
    /// </summary>
    private static DbContextOptionsBuilder QuietExpectedFailures(DbContextOptionsBuilder db) =>
        db.ConfigureWarnings(w => w.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug)));

    /// <summary>The data folder holds the database and its encryption keys: only its owner may enter it.</summary>
    internal static void CreateDataDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    internal static string SqliteConnectionString(StorageOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            if (NewDatabaseFile(options.ConnectionString) is { } file) CreateOwnerOnlyFile(file);
            return options.ConnectionString;
        }
        CreateDataDirectory(options.DataDirectory);
        var path = Path.Combine(options.DataDirectory, DatabaseFileName);
        if (!CreateOwnerOnlyFile(path)) RestrictToOwner(path);
        return $"Data Source={path}";
    }

    /// <summary>
    /// The file holds the data-protection key ring, so a copy of it decrypts every secret: it is made owner-only
    /// before SQLite first opens it, and SQLite gives its -wal and -shm the database file's mode.
    /// </summary>
    /// <returns>False if the file was already there.</returns>
    private static bool CreateOwnerOnlyFile(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path)) return false;
        try
        {
            using var file = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
            return true; // an empty file is an empty database to SQLite
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>Files of the data folder made before it was owner-only lose their group and other bits.</summary>
    private static void RestrictToOwner(string database)
    {
        if (OperatingSystem.IsWindows()) return;
        foreach (var path in new[] { database, database + "-wal", database + "-shm" })
        {
            if (File.Exists(path) && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) & OwnerOnly);
        }
    }

    /// <summary>The plain file path a connection string names, if SQLite would create it: not in memory, not a URI, not read-only, in a folder that exists.</summary>
    private static string? NewDatabaseFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (builder.Mode != SqliteOpenMode.ReadWriteCreate || string.IsNullOrEmpty(source) || source == ":memory:"
            || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || source.Contains('|', StringComparison.Ordinal))
            return null;
        var path = Path.GetFullPath(source);
        return Directory.Exists(Path.GetDirectoryName(path)) && !File.Exists(path) ? path : null;
    }
}
