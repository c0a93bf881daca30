using Ogi.BuildingBlocks.Testing;

namespace Ogi.Identity.Tests;

[CollectionDefinition(PostgresCollectionName.Value)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
