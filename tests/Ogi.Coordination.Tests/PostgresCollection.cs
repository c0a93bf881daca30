using Ogi.BuildingBlocks.Testing;

namespace Ogi.Coordination.Tests;

[CollectionDefinition(PostgresCollectionName.Value)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
