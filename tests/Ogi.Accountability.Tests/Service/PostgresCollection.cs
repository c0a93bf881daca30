using Ogi.BuildingBlocks.Testing;

namespace Ogi.Accountability.Tests.Service;

[CollectionDefinition(PostgresCollectionName.Value)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
