using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Hookline.Storage;

public static class StorageServiceCollectionExtensions
{
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

    internal static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder db, string connectionString) =>
        QuietExpectedFailures(db.UseNpgsql(connectionString));

    internal static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder db, string connectionString) =>
        QuietExpectedFailures(db.UseSqlite(connectionString));

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
        if (!string.IsNullOrWhiteSpace(options.ConnectionString)) return options.ConnectionString;
        CreateDataDirectory(options.DataDirectory);
        return $"Data Source={Path.Combine(options.DataDirectory, "hookline.db")}";
    }
}
