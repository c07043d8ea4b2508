using Npgsql;

namespace Hookline.LoadDriver;

/// <summary>Where a scenario's server keeps its data: a fresh SQLite file, or a fresh PostgreSQL database made for it.</summary>
public sealed class Store(string name, string? postgres)
{
    public string Name => name;

    public static Store Sqlite { get; } = new("sqlite", null);

    public static Store Postgres(string connectionString) => new("postgres", connectionString);

    public async Task<ScenarioServer> StartAsync(string serverPath, IReadOnlyDictionary<string, string?> settings)
    {
        string? database = null;
        string? connectionString = null;
        if (postgres is not null)
        {
            database = "hookline_load_" + Guid.NewGuid().ToString("N")[..12];
            await using (var admin = new NpgsqlConnection(postgres))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
                await create.ExecuteNonQueryAsync();
            }
            connectionString = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
        }
        return new ScenarioServer(await ServerProcess.StartAsync(serverPath, connectionString, settings), postgres, database);
    }
}

/// <summary>A scenario's server process; disposing it stops the process and drops its PostgreSQL database.</summary>
public sealed class ScenarioServer(ServerProcess process, string? postgres, string? database) : IAsyncDisposable
{
    public Uri BaseAddress => process.BaseAddress;

    public TimeSpan CpuTime => process.CpuTime;

    public double PeakRssMb => process.PeakRssMb;

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        if (database is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(postgres);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
        // FORCE may not end another role's session: autovacuum, which often works on a database right after a heavy run (for more
        // than 10 s here); a minute of tries, then the database is left and named.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                if (attempt == 60)
                {
                    await Console.Error.WriteLineAsync($"could not drop database {database} ({e.MessageText}); left for you to drop");
                    return;
                }
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
