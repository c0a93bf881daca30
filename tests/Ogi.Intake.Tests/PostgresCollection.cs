using Ogi.BuildingBlocks.Testing;

namespace Ogi.Intake.Tests;

[CollectionDefinition(PostgresCollectionName.Value)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
