using Ogi.BuildingBlocks.Testing;

namespace Ogi.Cli.Tests;

[CollectionDefinition(PostgresCollectionName.Value)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
