using Ogi.Accountability.Domain;
using Ogi.Accountability.Domain.Responsibility;
using Ogi.BuildingBlocks.Domain;
using static Ogi.Accountability.Tests.Scenario;

namespace Ogi.Accountability.Tests;

public class ResponsibilityTests
{
    private static readonly HashSet<PersonRef> NoObjection = [];

    private static Dictionary<PersonRef, ResponsibilityKind> Allocate(ActParticipants act, params PersonRef[] objected) =>
        ResponsibilityAllocation.Allocate(act, objected.ToHashSet()).ToDictionary(r => r.Person, r => r.Kind);

    [Fact]
    public void AC6_handler_alone_without_approval_the_handler_is_responsible()
    {
        var allocation = Allocate(new ActParticipants(DecisionPath.HandlerAlone, Handler));
        Assert.Equal(new Dictionary<PersonRef, ResponsibilityKind> { [Handler] = ResponsibilityKind.Primary }, allocation);
    }

    [Fact]
    public void AC6_handler_alone_cannot_have_objected_to_anyone()
    {
        var refusal = Assert.Throws<InvalidInputException>(() => Allocate(new ActParticipants(DecisionPath.HandlerAlone, Handler), Handler));
        Assert.Equal("objections", refusal.Violations.Single().Field);
    }

    [Fact]
    public void AC6_with_the_leaders_approval_the_leader_and_the_handler_are_responsible()
    {
        var allocation = Allocate(new ActParticipants(DecisionPath.LeaderApproved, Handler, ApprovingLeader: Leader));
        Assert.Equal(ResponsibilityKind.Primary, allocation[Leader]);
        Assert.Equal(ResponsibilityKind.Primary, allocation[Handler]);
        Assert.Equal(2, allocation.Count);
    }

    [Fact]
    public void AC6_with_the_leaders_approval_a_handler_who_objected_on_record_is_mitigated()
    {
        var allocation = Allocate(new ActParticipants(DecisionPath.LeaderApproved, Handler, ApprovingLeader: Leader), Handler);
        Assert.Equal(ResponsibilityKind.Primary, allocation[Leader]);
        Assert.Equal(ResponsibilityKind.Mitigated, allocation[Handler]);
    }

    [Fact]
    public void AC6_the_approving_leader_cannot_claim_an_objection()
    {
        Assert.Throws<InvalidInputException>(() => Allocate(new ActParticipants(DecisionPath.LeaderApproved, Handler, ApprovingLeader: Leader), Leader));
    }

    [Fact]
    public void AC6_approval_without_an_approving_leader_is_refused()
    {
        var refusal = Assert.Throws<InvalidInputException>(() => Allocate(new ActParticipants(DecisionPath.LeaderApproved, Handler)));
        Assert.Equal("participants.approving_leader", refusal.Violations.Single().Field);
    }

    [Fact]
    public void AC6_collective_decision_principal_leader_and_handler_primary_other_members_secondary()
    {
        var other = new PersonRef("p-member-05");
        var allocation = Allocate(new ActParticipants(DecisionPath.CollectiveDecision, Handler, PrincipalLeader: Principal, OtherMembers: [Member, other]));
        Assert.Equal(ResponsibilityKind.Primary, allocation[Principal]);
        Assert.Equal(ResponsibilityKind.Primary, allocation[Handler]);
        Assert.Equal(ResponsibilityKind.Secondary, allocation[Member]);
        Assert.Equal(ResponsibilityKind.Secondary, allocation[other]);
    }

    [Fact]
    public void AC6_collective_decision_a_member_who_objected_is_exempt_and_a_handler_who_objected_is_mitigated()
    {
        var allocation = Allocate(new ActParticipants(DecisionPath.CollectiveDecision, Handler, PrincipalLeader: Principal, OtherMembers: [Member]), Member, Handler);
        Assert.Equal(ResponsibilityKind.Primary, allocation[Principal]);
        Assert.Equal(ResponsibilityKind.Mitigated, allocation[Handler]);
        Assert.Equal(ResponsibilityKind.Exempt, allocation[Member]);
    }

    [Fact]
    public void AC6_the_principal_leader_cannot_claim_an_objection_to_themself()
    {
        Assert.Throws<InvalidInputException>(() =>
            Allocate(new ActParticipants(DecisionPath.CollectiveDecision, Handler, PrincipalLeader: Principal, OtherMembers: [Member]), Principal));
    }

    [Fact]
    public void AC6_one_person_in_two_roles_is_refused()
    {
        Assert.Throws<InvalidInputException>(() =>
            Allocate(new ActParticipants(DecisionPath.CollectiveDecision, Handler, PrincipalLeader: Principal, OtherMembers: [Handler])));
    }

    [Fact]
    public void AC6_each_allocation_states_its_basis_in_seed_000_article_7()
    {
        var allocation = ResponsibilityAllocation.Allocate(new ActParticipants(DecisionPath.LeaderApproved, Handler, ApprovingLeader: Leader), new HashSet<PersonRef> { Handler });
        Assert.All(allocation, r => Assert.StartsWith("第七条2", r.Basis));
        Assert.Contains("减轻", allocation.Single(r => r.Person == Handler).Basis);
    }

    [Fact]
    public void AC6_direct_responsibility_is_the_handlers()
    {
        var allocation = ResponsibilityAllocation.Allocate(new ActParticipants(DecisionPath.LeaderApproved, Handler, ApprovingLeader: Leader), NoObjection);
        Assert.True(allocation.Single(r => r.Person == Handler).IsDirect);
        Assert.False(allocation.Single(r => r.Person == Leader).IsDirect);
    }

    [Theory]
    [InlineData("张三")]
    [InlineData("110101199003077777")]
    [InlineData("13812345678")]
    [InlineData("x")]
    public void AC12_persons_are_referred_to_only_by_pseudonymous_reference(string notAReference)
    {
        var refusal = Assert.Throws<InvalidInputException>(() => new PersonRef(notAReference));
        Assert.Equal("person_ref", refusal.Violations.Single().Field);
    }
}
