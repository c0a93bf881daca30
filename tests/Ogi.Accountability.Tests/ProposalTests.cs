using Ogi.Accountability.Domain;
using Ogi.Accountability.Domain.Cases;
using Ogi.Accountability.Domain.Measures;
using Ogi.Accountability.Domain.Records;
using Ogi.Accountability.Domain.Responsibility;
using static Ogi.Accountability.Tests.Scenario;

namespace Ogi.Accountability.Tests;

public class ProposalTests
{
    private static MeasuresProposal Propose(CaseFacts facts, AccountabilityRecords? records = null, AccountabilityCase? @case = null) =>
        ReadyToDecide(facts, records, @case).Proposal!;

    [Fact]
    public void AC8_any_violation_orders_rectification_and_no_more_for_the_unit()
    {
        var proposal = Propose(Facts(Severity.General));
        Assert.Equal([Measure.RectificationOrdered], proposal.MeasuresFor(UnitOf));
        Assert.Equal([Measure.RectificationOrdered, Measure.CommendationWithdrawn], proposal.MeasuresFor(Of(Handler)));
    }

    [Fact]
    public void AC8_serious_adds_public_criticism_and_an_admonitory_talk_with_the_responsible_persons()
    {
        var proposal = Propose(Facts(Severity.Serious));
        Assert.Equal([Measure.RectificationOrdered, Measure.PublicCriticism], proposal.MeasuresFor(UnitOf));
        Assert.Contains(Measure.AdmonitoryTalk, proposal.MeasuresFor(Of(Handler)));
        Assert.Contains(Measure.PublicCriticism, proposal.MeasuresFor(Of(Handler)));
        Assert.DoesNotContain(Measure.SanctionRecommended, proposal.MeasuresFor(Of(Handler)));
    }

    [Fact]
    public void AC8_grave_adds_a_recommendation_of_sanction()
    {
        var proposal = Propose(Facts(Severity.Grave));
        Assert.Contains(Measure.SanctionRecommended, proposal.MeasuresFor(Of(Handler)));
        Assert.Contains(Measure.TransferOrRemovalRecommended, proposal.MeasuresFor(Of(Handler)));
        Assert.Contains(Measure.CommendationWithdrawn, proposal.MeasuresFor(UnitOf));
    }

    [Fact]
    public void AC9_a_second_violation_within_a_year_makes_the_proposal_heavier_and_a_first_one_does_not()
    {
        var first = Propose(Facts(Severity.General, occurredOn: Day));
        Assert.Equal(Severity.General, first.SeverityOf(Of(Handler)));
        Assert.Equal(Severity.General, first.SeverityOf(UnitOf));

        var records = new AccountabilityRecords();
        records.Add(DecisionFor(Handler, Day.AddMonths(-3), occurredOn: Day.AddMonths(-4)));

        var second = Propose(Facts(Severity.General, occurredOn: Day), records);
        Assert.Equal(Severity.Serious, second.SeverityOf(Of(Handler)));
        Assert.Contains(Measure.AdmonitoryTalk, second.MeasuresFor(Of(Handler)));
        Assert.Contains(second.Assessments.Single(a => a.Subject == Of(Handler)).Steps, s => s.Contains("第九条(四)", StringComparison.Ordinal));

        // The bureau's own record also has an entry from that decision, so the unit is heavier too.
        Assert.Equal(Severity.Serious, second.SeverityOf(UnitOf));
    }

    [Fact]
    public void AC9_a_violation_more_than_a_year_apart_is_not_a_second_one()
    {
        var records = new AccountabilityRecords();
        records.Add(DecisionFor(Handler, Day.AddMonths(-11), occurredOn: Day.AddYears(-1)));

        var proposal = Propose(Facts(Severity.General, occurredOn: Day), records);
        Assert.Equal(Severity.General, proposal.SeverityOf(Of(Handler)));
    }

    [Fact]
    public void AC9_a_violation_revoked_on_appeal_does_not_count_as_a_first_one()
    {
        var records = new AccountabilityRecords();
        var earlier = DecisionFor(Handler, Day.AddMonths(-3));
        records.Add(earlier);
        records.Apply(new AppealDecided(earlier.CaseId, Of(Handler), AppealOutcome.Revoked, "事实不清", [], Day.AddMonths(-2)));

        Assert.Equal(Severity.General, Propose(Facts(occurredOn: Day), records).SeverityOf(Of(Handler)));
    }

    [Fact]
    public void AC9_aggravating_factors_make_it_one_step_heavier_however_many()
    {
        var proposal = Propose(Facts(Severity.General,
            aggravating: new HashSet<AggravatingFactor> { AggravatingFactor.ShiftedBlame, AggravatingFactor.ObstructedInvestigation }));
        Assert.Equal(Severity.Serious, proposal.SeverityOf(Of(Handler)));
        Assert.Equal(Severity.Serious, proposal.SeverityOf(UnitOf));
    }

    [Fact]
    public void AC9_mitigating_factors_make_it_one_step_lighter()
    {
        var proposal = Propose(Facts(Severity.Grave, mitigating: new HashSet<MitigatingFactor> { MitigatingFactor.CorrectedPromptly }));
        Assert.Equal(Severity.Serious, proposal.SeverityOf(Of(Handler)));
        Assert.DoesNotContain(Measure.SanctionRecommended, proposal.MeasuresFor(Of(Handler)));
        Assert.Contains(proposal.Assessments.Single(a => a.Subject == UnitOf).Steps, s => s.Contains("从轻", StringComparison.Ordinal));
    }

    [Fact]
    public void AC9_mitigating_never_goes_below_general_and_rectification_stays()
    {
        var proposal = Propose(Facts(Severity.General, mitigating: new HashSet<MitigatingFactor> { MitigatingFactor.Cooperated }));
        Assert.Equal(Severity.General, proposal.SeverityOf(UnitOf));
        Assert.Equal([Measure.RectificationOrdered], proposal.MeasuresFor(UnitOf));
    }

    [Fact]
    public void AC9_mitigating_and_aggravating_cancel()
    {
        var proposal = Propose(Facts(Severity.Serious,
            mitigating: new HashSet<MitigatingFactor> { MitigatingFactor.RemediedHarm },
            aggravating: new HashSet<AggravatingFactor> { AggravatingFactor.MajorLossOrImpact }));
        Assert.Equal(Severity.Serious, proposal.SeverityOf(UnitOf));
    }

    [Fact]
    public void AC6_AC9_secondary_and_mitigated_persons_are_one_step_lighter_and_exempt_ones_get_nothing()
    {
        var act = new ActParticipants(DecisionPath.CollectiveDecision, Handler, PrincipalLeader: Principal, OtherMembers: [Member, new PersonRef("p-member-05")]);
        var facts = Facts(Severity.Grave, act: act) with { ObjectedOnRecord = new HashSet<PersonRef> { Handler, new("p-member-05") } };
        var proposal = Propose(facts);

        Assert.Equal(Severity.Grave, proposal.SeverityOf(Of(Principal)));
        Assert.Equal(Severity.Serious, proposal.SeverityOf(Of(Handler)));
        Assert.Equal(Severity.Serious, proposal.SeverityOf(Of(Member)));
        Assert.Empty(proposal.MeasuresFor(Of(new PersonRef("p-member-05"))));
        Assert.Contains(Measure.TransferOrRemovalRecommended, proposal.MeasuresFor(Of(Principal)));
        Assert.DoesNotContain(Measure.TransferOrRemovalRecommended, proposal.MeasuresFor(Of(Handler)));
    }

    [Fact]
    public void AC9_every_accountable_person_loses_commendation_that_year_seed_002()
    {
        var act = new ActParticipants(DecisionPath.LeaderApproved, Handler, ApprovingLeader: Leader);
        var proposal = Propose(Facts(Severity.General, act: act));
        Assert.All(new[] { Handler, Leader }, p => Assert.Contains(Measure.CommendationWithdrawn, proposal.MeasuresFor(Of(p))));
    }

    [Fact]
    public void AC7_a_complaint_found_true_adds_an_apology_to_the_complainant()
    {
        var complaint = AccountabilityCase.RegisterComplaint(Guid.NewGuid(), Report(), Day, AccountabilityProfile.Default);
        complaint.Accept(Day.AddDays(2), CaseImportance.General, Parents);
        var proposal = Propose(Facts(), @case: complaint);
        Assert.Contains(Measure.Apology, proposal.MeasuresFor(UnitOf));
        Assert.DoesNotContain(Measure.Apology, Propose(Facts()).MeasuresFor(UnitOf));
    }

    [Fact]
    public void AC7_referrals_to_discipline_inspection_and_judiciary_for_the_primarily_responsible()
    {
        var act = new ActParticipants(DecisionPath.LeaderApproved, Handler, ApprovingLeader: Leader);
        var facts = Facts(act: act) with { DisciplinaryBreach = true, SuspectedCrime = true, ObjectedOnRecord = new HashSet<PersonRef> { Handler } };
        var proposal = Propose(facts);
        Assert.Contains(Measure.ReferredToDisciplineInspection, proposal.MeasuresFor(Of(Leader)));
        Assert.Contains(Measure.ReferredToJudiciary, proposal.MeasuresFor(Of(Leader)));
        Assert.DoesNotContain(Measure.ReferredToJudiciary, proposal.MeasuresFor(Of(Handler)));
    }

    [Fact]
    public void AC7_the_proposal_explains_which_rule_added_each_measure()
    {
        var proposal = Propose(Facts(Severity.Serious));
        Assert.All(proposal.Measures, m => Assert.Matches("^AC-[0-9]+ seed 00[0-4]", m.Rule));
        Assert.Contains("第七条", proposal.Measures.Single(m => m.Subject == UnitOf && m.Measure == Measure.PublicCriticism).Rule);
    }

    [Fact]
    public void AC9_establishing_the_facts_again_withdraws_the_proposal()
    {
        var @case = ReadyToDecide();
        @case.EstablishFacts(Facts(Severity.Serious));
        Assert.Null(@case.Proposal);
        Assert.Equal("AC-9", Assert.Throws<Ogi.BuildingBlocks.Domain.RuleViolationException>(
            () => @case.Decide(new CaseDecision(Day.AddDays(10), Day.AddDays(30)))).RuleId);
    }
}
