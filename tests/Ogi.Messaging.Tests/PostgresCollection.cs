using Ogi.BuildingBlocks.Testing;

namespace Ogi.Messaging.Tests;

[CollectionDefinition(PostgresCollectionName.Value)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
