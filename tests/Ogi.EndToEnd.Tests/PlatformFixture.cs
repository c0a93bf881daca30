using Ogi.BuildingBlocks.Testing;

namespace Ogi.EndToEnd.Tests;

/// <summary>
/// One platform for the whole end-to-end collection (starting five services takes a while): its own PostgreSQL
/// (fault tests stop and restart it), an OTLP receiver, and the launcher. Tests that break something restore it.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public PostgresFixture Postgres { get; } = new();

    public OtlpReceiver Otlp { get; private set; } = null!;

    public PlatformRun Platform { get; private set; } = null!;

    /// <summary>Superuser connection to the platform's database, for assertions over every service's schema.</summary>
    public string Database { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Postgres.InitializeAsync();
        Otlp = await OtlpReceiver.StartAsync();
        Database = await Postgres.CreateDatabaseAsync("platform");
        Platform = await PlatformRun.StartAsync(Database, Otlp.Endpoint);
    }

    public async Task DisposeAsync()
    {
        if (Platform is not null)
        {
            await Platform.DisposeAsync();
        }

        if (Otlp is not null)
        {
            await Otlp.DisposeAsync();
        }

        await Postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
