using Npgsql;

namespace Hookline.Tests.Infrastructure;

/// <summary>The two storage providers every integration test runs on.</summary>
public static class Databases
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>
    /// The PostgreSQL server that <c>./test.sh</c> starts. Without it the PostgreSQL cases fail (they are not skipped):
    /// a suite that silently ran on one provider would claim what it did not check.
    /// </summary>
    public static string PostgresServer => Environment.GetEnvironmentVariable("HOOKLINE_TEST_POSTGRES")
        ?? throw new InvalidOperationException("HOOKLINE_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts PostgreSQL.");

    /// <summary>Creates an empty database for one test server and returns its connection string.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync()
    {
        var name = "hookline_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(PostgresServer))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString;
    }

    public static string CreateSqliteFile(out string dataDirectory)
    {
        dataDirectory = Directory.CreateTempSubdirectory("hookline-test-").FullName;
        return $"Data Source={Path.Combine(dataDirectory, "hookline.db")}";
    }
}
