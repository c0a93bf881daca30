using Ogi.BuildingBlocks.Testing;

namespace Ogi.SecrecyReview.Tests;

[CollectionDefinition(PostgresCollectionName.Value)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
