using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hookline.Storage;

// Used only by `dotnet ef migrations add` to build each provider's model; no database is opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHooklineDbContext>
{
    public SqliteHooklineDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteHooklineDbContext>();
        StorageServiceCollectionExtensions.UseSqlite(builder, "Data Source=design.db");
        return new SqliteHooklineDbContext(builder.Options);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHooklineDbContext>
{
    public PostgresHooklineDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresHooklineDbContext>();
        StorageServiceCollectionExtensions.UsePostgres(builder, "Host=localhost;Database=design");
        return new PostgresHooklineDbContext(builder.Options);
    }
}
