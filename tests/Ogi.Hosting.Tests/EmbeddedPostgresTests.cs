using Npgsql;
using Ogi.BuildingBlocks.EmbeddedPostgres;

namespace Ogi.Hosting.Tests;

/// <summary>The embedded cluster's lifecycle: start, serve, survive a restart, and leave nothing behind.</summary>
public sealed class EmbeddedPostgresTests
{
    [Fact]
    public async Task Starts_serves_restarts_and_leaves_nothing_behind()
    {
        if (Environment.GetEnvironmentVariable(PostgresServer.DatabaseUrlVariable) is { Length: > 0 })
        {
            return; // an external server is not ours to start and stop
        }

        var root = RepositoryRoot.BuildDirectory("test-pg-lifecycle");
        var server = await PostgresServer.StartAsync(new EmbeddedPostgresOptions { RootDirectory = root, Name = "lifecycle", Durable = false });
        var cluster = Assert.Single(Directory.GetDirectories(root));
        Assert.Equal(1, await ScalarAsync(server.AdminConnectionString, "SELECT 1"));

        await server.StopAsync();
        NpgsqlConnection.ClearAllPools();
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync(server.AdminConnectionString, "SELECT 1"));
        await server.RestartAsync();
        Assert.Equal(2, await ScalarAsync(server.AdminConnectionString, "SELECT 2"));

        await server.DisposeAsync();
        Assert.False(Directory.Exists(cluster));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync(server.AdminConnectionString, "SELECT 1"));
    }

    private static async Task<int> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
