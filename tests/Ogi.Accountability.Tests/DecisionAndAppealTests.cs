using Ogi.Accountability.Domain;
using Ogi.Accountability.Domain.Cases;
using Ogi.Accountability.Domain.Measures;
using Ogi.Accountability.Domain.Responsibility;
using Ogi.BuildingBlocks.Domain;
using static Ogi.Accountability.Tests.Scenario;

namespace Ogi.Accountability.Tests;

public class DecisionAndAppealTests
{
    private static readonly DateOnly DecidedOn = Day.AddDays(10);

    [Fact]
    public void AC9_departing_from_the_proposal_without_reasons_is_refused()
    {
        var @case = ReadyToDecide(Facts(Severity.Serious));
        var lighter = new DecidedMeasures(UnitOf, [Measure.RectificationOrdered]);

        var refusal = Assert.Throws<RuleViolationException>(() => @case.Decide(new CaseDecision(DecidedOn, DecidedOn.AddDays(20), [lighter])));
        Assert.Equal("AC-9", refusal.RuleId);
        Assert.Equal(CaseStatus.UnderInvestigation, @case.Status);

        var decision = @case.Decide(new CaseDecision(DecidedOn, DecidedOn.AddDays(20), [lighter], "单位已于调查期间完成整改并公开致歉"));
        Assert.Equal([Measure.RectificationOrdered], decision.UnitMeasures);
        Assert.Equal("单位已于调查期间完成整改并公开致歉", decision.DepartureReasons);
    }

    [Fact]
    public void AC9_adopting_the_proposal_needs_no_reasons_even_when_restated()
    {
        var @case = ReadyToDecide(Facts(Severity.Serious));
        var same = new DecidedMeasures(UnitOf, [Measure.PublicCriticism, Measure.RectificationOrdered]);
        var decision = @case.Decide(new CaseDecision(DecidedOn, DecidedOn.AddDays(20), [same]));
        Assert.Equal(@case.Proposal!.MeasuresFor(UnitOf).Order(), decision.UnitMeasures.Order());
    }

    [Fact]
    public void AC9_measures_are_decided_only_for_the_unit_and_accountable_persons()
    {
        var @case = ReadyToDecide();
        var stranger = new DecidedMeasures(Of(Member), [Measure.PublicCriticism]);
        Assert.Throws<InvalidInputException>(() => @case.Decide(new CaseDecision(DecidedOn, DecidedOn.AddDays(20), [stranger], "理由")));
    }

    [Fact]
    public void AC10_each_unit_and_person_gets_a_written_notice()
    {
        var act = new ActParticipants(DecisionPath.CollectiveDecision, Handler, PrincipalLeader: Principal, OtherMembers: [Member]);
        var @case = Decided(Facts(act: act) with { ObjectedOnRecord = new HashSet<PersonRef> { Member } });

        Assert.Equal([UnitOf, Of(Principal), Of(Handler), Of(Member)], @case.Notices.Select(n => n.Recipient));
        Assert.All(@case.Notices, n => Assert.Equal(DecidedOn, n.IssuedOn));
        Assert.Empty(@case.Notices.Single(n => n.Recipient == Of(Member)).Measures);
    }

    [Fact]
    public void AC11_an_order_to_rectify_needs_a_report_deadline_after_the_decision()
    {
        var @case = ReadyToDecide();
        var refusal = Assert.Throws<InvalidInputException>(() => @case.Decide(new CaseDecision(DecidedOn, null)));
        Assert.Equal("rectification_due", refusal.Violations.Single().Field);
        Assert.Throws<InvalidInputException>(() => @case.Decide(new CaseDecision(DecidedOn, DecidedOn)));
    }

    [Fact]
    public void AC13_the_decision_event_names_the_unit_and_persons_only_by_reference()
    {
        var act = new ActParticipants(DecisionPath.LeaderApproved, Handler, ApprovingLeader: Leader);
        var @case = Decided(Facts(act: act));
        var decided = Assert.IsType<AccountabilityDecided>(@case.Events.Last());

        Assert.Equal(Bureau, decided.Unit);
        Assert.Equal(CountyGovernment, decided.HandlingAgencyCode);
        Assert.Equal([Leader, Handler], decided.Persons.Select(p => p.Person));
        Assert.Equal(DecidedOn.AddDays(20), decided.RectificationDue);
        Assert.DoesNotContain(typeof(AccountabilityDecided).GetProperties().Concat(typeof(PersonOutcome).GetProperties()),
            p => p.Name.Contains("Name", StringComparison.Ordinal) && p.DeclaringType != typeof(UnitRef));
    }

    [Fact]
    public void AC10_an_appeal_within_the_period_is_filed()
    {
        var @case = Decided();
        @case.FileAppeal(Of(Handler), "已在期限内电话答复申请人", DecidedOn.AddDays(30));
        Assert.Equal(Of(Handler), Assert.Single(@case.Appeals).Appellant);
    }

    [Fact]
    public void AC10_an_appeal_after_the_period_is_refused()
    {
        var @case = Decided();
        var refusal = Assert.Throws<RuleViolationException>(() => @case.FileAppeal(Of(Handler), "理由", DecidedOn.AddDays(31)));
        Assert.Equal("AC-10", refusal.RuleId);
        Assert.Empty(@case.Appeals);
    }

    [Fact]
    public void AC10_the_appeal_period_runs_from_service_and_is_a_profile_number()
    {
        var @case = Decided();
        @case.RecordNoticeServed(UnitOf, DecidedOn.AddDays(5));
        @case.FileAppeal(UnitOf, "整改期限过短", DecidedOn.AddDays(35));

        var shortPeriod = AccountabilityCase.Open(Guid.NewGuid(), new CaseSource(SourceKind.SupervisionFinding, "检查-2026-01"), Bureau, Day,
            CaseImportance.Important, Parents, new AccountabilityProfile(AppealDays: 15));
        ReadyToDecide(@case: shortPeriod).Decide(new CaseDecision(DecidedOn, DecidedOn.AddDays(20)));
        Assert.Throws<RuleViolationException>(() => shortPeriod.FileAppeal(UnitOf, "理由", DecidedOn.AddDays(16)));
    }

    [Fact]
    public void AC10_one_appeal_per_appellant_and_only_from_those_held_to_account()
    {
        var @case = Decided();
        @case.FileAppeal(Of(Handler), "理由", DecidedOn.AddDays(1));
        Assert.Throws<RuleViolationException>(() => @case.FileAppeal(Of(Handler), "再次申诉", DecidedOn.AddDays(2)));
        Assert.Throws<InvalidInputException>(() => @case.FileAppeal(Of(Member), "理由", DecidedOn.AddDays(2)));
    }

    [Fact]
    public void AC10_an_appeal_outcome_needs_reasons()
    {
        var @case = Decided();
        @case.FileAppeal(Of(Handler), "理由", DecidedOn.AddDays(1));
        Assert.Throws<InvalidInputException>(() => @case.DecideAppeal(Of(Handler), AppealOutcome.Upheld, " ", DecidedOn.AddDays(10)));
        Assert.Null(@case.Appeals.Single().Outcome);
    }

    [Fact]
    public void AC10_AC13_a_modified_appeal_states_the_new_measures_and_goes_out_as_a_decision_event()
    {
        var @case = Decided(Facts(Severity.Serious));
        @case.FileAppeal(Of(Handler), "已主动补正答复", DecidedOn.AddDays(1));
        Assert.Throws<InvalidInputException>(() => @case.DecideAppeal(Of(Handler), AppealOutcome.Modified, "理由", DecidedOn.AddDays(10)));

        var decided = @case.DecideAppeal(Of(Handler), AppealOutcome.Modified, "情节较轻,改为责令整改", DecidedOn.AddDays(10),
            [Measure.RectificationOrdered, Measure.CommendationWithdrawn]);
        Assert.Same(decided, @case.Events.Last());
        Assert.Equal([Measure.RectificationOrdered, Measure.CommendationWithdrawn], decided.MeasuresAfter);
        Assert.Equal(AppealOutcome.Modified, @case.Appeals.Single().Outcome);
        Assert.Throws<RuleViolationException>(() => @case.DecideAppeal(Of(Handler), AppealOutcome.Upheld, "理由", DecidedOn.AddDays(11)));
    }

    [Fact]
    public void AC10_AC11_revoking_the_units_decision_lifts_the_rectification_report()
    {
        var @case = Decided();
        @case.FileAppeal(UnitOf, "不属本单位职责", DecidedOn.AddDays(3));
        var decided = @case.DecideAppeal(UnitOf, AppealOutcome.Revoked, "经复查,该事项由上级机关办理", DecidedOn.AddDays(12));

        Assert.Empty(decided.MeasuresAfter);
        Assert.Null(@case.RectificationDue);
        Assert.False(@case.EscalateIfRectificationOverdue(DecidedOn.AddDays(60)));
    }
}
