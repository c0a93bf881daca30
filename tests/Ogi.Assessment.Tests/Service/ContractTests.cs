using Ogi.Assessment.Persistence;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Testing;
using Microsoft.EntityFrameworkCore;
using Pb = Ogi.Contracts.Assessment.V1;

namespace Ogi.Assessment.Tests.Service;

/// <summary>Deny by default for every RPC, and the EF model matching the hand-written migrations.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ContractTests(PostgresFixture postgres)
{
    [Fact]
    public void Every_assessment_rpc_declares_who_may_call_it() =>
        AccessDeclarationAssert.EveryRpcDeclaresAccess(Pb.AssessmentServiceReflection.Descriptor.Services.ToArray());

    [Fact]
    public async Task The_model_matches_the_migrated_schema()
    {
        var admin = await postgres.CreateDatabaseAsync("assessment_schema");
        var connection = await ServiceDatabaseSetup.ProvisionAndMigrateAsync<AssessmentDbContext>(admin, ServiceIdentity.Assessment);
        var options = new DbContextOptionsBuilder<AssessmentDbContext>();
        ServiceDatabase.Configure<AssessmentDbContext>(options, connection, ServiceIdentity.Assessment);
        await using var db = new AssessmentDbContext(options.Options);
        Assert.Empty(await SchemaConformance.DifferencesAsync(db));
    }
}
