using Ogi.Accountability.Api;
using Ogi.BuildingBlocks.Testing;
using D = Ogi.Accountability.Domain;
using P = Ogi.Contracts.Accountability.V1;

namespace Ogi.Accountability.Tests.Service;

public sealed class ContractTests
{
    [Fact]
    public void Every_rpc_declares_who_may_call_it() =>
        AccessDeclarationAssert.EveryRpcDeclaresAccess(P.AccountabilityService.Descriptor);

    [Fact]
    public void Every_domain_enum_value_has_its_contract_value_and_back()
    {
        RoundTrips<D.Catalogue.ViolationType, P.ViolationType>();
        RoundTrips<D.Catalogue.DetailedItem, P.DetailedItem>();
        RoundTrips<D.Measures.Measure, P.Measure>();
        RoundTrips<D.Measures.Severity, P.Severity>();
        RoundTrips<D.Measures.MitigatingFactor, P.MitigatingFactor>();
        RoundTrips<D.Measures.AggravatingFactor, P.AggravatingFactor>();
        RoundTrips<D.Responsibility.DecisionPath, P.DecisionPath>();
        RoundTrips<D.Responsibility.PersonRole, P.PersonRole>();
        RoundTrips<D.Responsibility.ResponsibilityKind, P.ResponsibilityKind>();
        RoundTrips<D.Cases.SourceKind, P.SourceKind>();
        RoundTrips<D.Cases.CaseStatus, P.CaseStatus>();
        RoundTrips<D.Cases.CaseImportance, P.CaseImportance>();
        RoundTrips<D.Cases.HandlingBody, P.HandlingBody>();
        RoundTrips<D.Cases.AppealOutcome, P.AppealOutcome>();
    }

    [Fact]
    public void An_unspecified_or_unknown_contract_value_names_its_field()
    {
        var unspecified = Assert.Throws<BuildingBlocks.Domain.InvalidInputException>(() => Messages.FromProto<P.Severity, D.Measures.Severity>(P.Severity.Unspecified, "facts.severity"));
        Assert.Equal("facts.severity", unspecified.Violations[0].Field);
        Assert.Throws<BuildingBlocks.Domain.InvalidInputException>(() => Messages.FromProto<P.Severity, D.Measures.Severity>((P.Severity)42, "facts.severity"));
    }

    private static void RoundTrips<TDomain, TProto>()
        where TDomain : struct, Enum
        where TProto : struct, Enum
    {
        foreach (var value in Enum.GetValues<TDomain>())
        {
            var contract = Messages.ToProto<TDomain, TProto>(value);
            Assert.Equal(value, Messages.FromProto<TProto, TDomain>(contract, "field"));
        }

        // Every contract value but UNSPECIFIED is a domain value.
        Assert.Equal(Enum.GetValues<TDomain>().Length, Enum.GetValues<TProto>().Length - 1);
    }
}
