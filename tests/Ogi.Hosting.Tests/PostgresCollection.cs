using Ogi.BuildingBlocks.Testing;

namespace Ogi.Hosting.Tests;

[CollectionDefinition(PostgresCollectionName.Value)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
