using Ogi.BuildingBlocks.Testing;

namespace Ogi.Assessment.Tests;

[CollectionDefinition(PostgresCollectionName.Value)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
