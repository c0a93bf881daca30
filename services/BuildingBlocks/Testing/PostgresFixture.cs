using Ogi.BuildingBlocks.EmbeddedPostgres;
using Xunit;

namespace Ogi.BuildingBlocks.Testing;

/// <summary>
/// The real PostgreSQL an integration test collection runs against: OGI_DATABASE_URL when set,
/// otherwise a private cluster (fsync off) started once for the collection and removed after it.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("PostgreSQL has not started.");

    public async Task InitializeAsync() =>
        _server = await PostgresServer.StartAsync(new EmbeddedPostgresOptions
        {
            RootDirectory = RepositoryRoot.BuildDirectory("test-pg"),
            Name = "test",
            Durable = false,
        });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A fresh database per test class keeps tests independent without a new cluster each time.</summary>
    public Task<string> CreateDatabaseAsync(string prefix) =>
        Server.CreateDatabaseAsync($"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant());
}

/// <summary>
/// Integration tests join the collection named <see cref="PostgresCollectionName"/>; xunit wants its definition in
/// the test assembly itself, so each test project declares
/// <c>[CollectionDefinition(PostgresCollectionName.Value)] class PostgresCollection : ICollectionFixture&lt;PostgresFixture&gt;;</c>.
/// </summary>
public static class PostgresCollectionName
{
    public const string Value = "postgres";
}
