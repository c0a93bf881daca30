using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Testing;
using Ogi.SecrecyReview.Api;
using Ogi.SecrecyReview.Domain.Findings;
using Ogi.SecrecyReview.Domain.Reviews;
using Ogi.SecrecyReview.Domain.Supervision;
using Ogi.SecrecyReview.Persistence;
using Pb = Ogi.Contracts.Review.V1;

namespace Ogi.SecrecyReview.Tests;

/// <summary>The API contract and the schema: access declared on every RPC, enums matching the domain, the migrated schema matching the model.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ContractTests(PostgresFixture postgres)
{
    [Fact]
    public void Every_review_rpc_declares_who_may_call_it() =>
        AccessDeclarationAssert.EveryRpcDeclaresAccess(Pb.ReviewService.Descriptor);

    [Fact]
    public void Contract_enums_are_the_domain_enums_shifted_by_unspecified()
    {
        // The mapping relies on it: a reordered enum on either side would silently change opinions.
        AssertSameNames<OpinionKind, Pb.OpinionKind>();
        AssertSameNames<ExemptionGround, Pb.ExemptionGround>();
        AssertSameNames<ItemSource, Pb.ItemSource>();
        AssertSameNames<ReviewStatus, Pb.ReviewStatus>();
        AssertSameNames<FindingKind, Pb.FindingKind>();
        AssertSameNames<FindingDisposition, Pb.FindingDisposition>();
        AssertSameNames<ChecklistQuestion, Pb.ChecklistQuestion>();
        AssertSameNames<ViolationKind, Pb.ViolationKind>();
        AssertSameNames<Domain.Queues.ReviewTask, Pb.ReviewTask>();
        Assert.Equal(Enum.GetNames<SecrecyLevel>(), Enum.GetNames<Pb.SecrecyLevel>().Skip(1));
        Assert.Equal(Enum.GetValues<SecrecyLevel>().Select(v => (int)v), Enum.GetValues<Pb.SecrecyLevel>().Skip(1).Select(v => (int)v));
    }

    [Fact]
    public void An_unspecified_contract_enum_is_refused_naming_the_field()
    {
        var refused = Assert.Throws<Ogi.BuildingBlocks.Domain.InvalidInputException>(() => ReviewMapping.FromContract<OpinionKind>(0, "opinion.kind"));
        Assert.Equal("opinion.kind", refused.Violations.Single().Field);
        Assert.Throws<Ogi.BuildingBlocks.Domain.InvalidInputException>(() => ReviewMapping.FromContract<OpinionKind>(9, "opinion.kind"));
        Assert.Equal(OpinionKind.Partial, ReviewMapping.FromContract<OpinionKind>((int)Pb.OpinionKind.Partial, "opinion.kind"));
    }

    [Fact]
    public async Task The_migrated_schema_matches_the_model()
    {
        var admin = await postgres.CreateDatabaseAsync("secrecy_review_schema");
        var role = await ServiceDatabaseSetup.ProvisionAndMigrateAsync<SecrecyReviewDbContext>(admin, ServiceIdentity.SecrecyReview);
        await using var context = ServiceDatabase.CreateContext<SecrecyReviewDbContext>(role, ServiceIdentity.SecrecyReview);
        Assert.Empty(await SchemaConformance.DifferencesAsync(context));
    }

    private static void AssertSameNames<TDomain, TContract>()
        where TDomain : struct, Enum
        where TContract : struct, Enum
    {
        var contract = Enum.GetValues<TContract>().Skip(1).Select(v => (Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture), v.ToString())).ToList();
        var domain = Enum.GetValues<TDomain>().Select(v => (ReviewMapping.ToContract(v), v.ToString())).ToList();
        Assert.Equal(domain, contract);
    }
}
