using System.Net;
using System.Net.Http.Json;
using Hookline.Storage;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Storage;

public class PostgresConnectionsTests
{
    [Fact]
    public async Task ABurstOfRequests_WaitsForAConnection_InsteadOfTakingEveryOneThePostgresServerHas()
    {
        await using var app = await HooklineApp.StartAsync(Databases.Postgres);
        using var client = app.Client();
        // More posts at once than PostgreSQL's 100 connections: each holds one for its transaction.
        var posts = Enumerable.Range(0, 160).Select(async i =>
        {
            using var response = await client.PostAsJsonAsync("/api/v1/calls/events", Enumerable.Range(0, 50)
                .Select(j => new { type = "call.begin", callid = $"burst-{i}-{j}", tracking = "5550000000", ani = "7776734736" }).ToArray());
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(posts);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Accepted, s));
    }

    [Theory]
    [InlineData("Host=db;Database=hookline", StorageServiceCollectionExtensions.DefaultPostgresPoolSize)]
    [InlineData("Host=db;Database=hookline;Maximum Pool Size=80", 80)]
    [InlineData("Host=db;Database=hookline;MaxPoolSize=5", 5)]
    public void TheConnectionPool_KeepsToAShare_UnlessTheConnectionStringSaysOtherwise(string connectionString, int expected) =>
        Assert.Equal(expected, new Npgsql.NpgsqlConnectionStringBuilder(StorageServiceCollectionExtensions.WithPoolLimit(connectionString)).MaxPoolSize);
}
