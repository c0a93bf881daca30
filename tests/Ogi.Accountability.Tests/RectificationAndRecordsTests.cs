using Ogi.Accountability.Domain;
using Ogi.Accountability.Domain.Cases;
using Ogi.Accountability.Domain.Measures;
using Ogi.Accountability.Domain.Records;
using Ogi.Accountability.Domain.Responsibility;
using Ogi.BuildingBlocks.Domain;
using static Ogi.Accountability.Tests.Scenario;

namespace Ogi.Accountability.Tests;

public class RectificationAndRecordsTests
{
    private static readonly DateOnly DecidedOn = Day.AddDays(10);
    private static readonly DateOnly Due = DecidedOn.AddDays(20);

    [Fact]
    public void AC11_a_missed_rectification_deadline_escalates_the_case_once()
    {
        var @case = Decided();
        Assert.False(@case.EscalateIfRectificationOverdue(Due));
        Assert.True(@case.EscalateIfRectificationOverdue(Due.AddDays(1)));
        Assert.False(@case.EscalateIfRectificationOverdue(Due.AddDays(2)));

        var escalated = Assert.Single(@case.Events.OfType<RectificationEscalated>());
        Assert.Equal(Due, escalated.Due);
        Assert.Equal(CountyGovernment, escalated.HandlingAgencyCode);
    }

    [Fact]
    public void AC11_a_report_in_time_prevents_escalation()
    {
        var @case = Decided();
        @case.ReportRectification("已补正答复并修订内部流程", Due);
        Assert.False(@case.EscalateIfRectificationOverdue(Due.AddDays(1)));
        Assert.Throws<RuleViolationException>(() => @case.ReportRectification("再次报告", Due));
    }

    [Fact]
    public void AC11_no_report_is_taken_where_no_rectification_was_ordered()
    {
        var @case = ReadyToDecide();
        @case.Decide(new CaseDecision(DecidedOn, null, [new DecidedMeasures(UnitOf, [Measure.PublicCriticism])], "已整改完毕,改为通报批评"));
        Assert.Equal("AC-11", Assert.Throws<RuleViolationException>(() => @case.ReportRectification("报告", Due)).RuleId);
    }

    [Fact]
    public void AC9_AC12_three_faults_in_a_year_with_direct_responsibility_mark_the_person_unfit()
    {
        var records = new AccountabilityRecords();
        records.Add(DecisionFor(Handler, new DateOnly(2026, 2, 10)));
        records.Add(DecisionFor(Handler, new DateOnly(2026, 6, 10)));
        Assert.False(records.IsUnfit(Handler, 2026));

        records.Add(DecisionFor(Handler, new DateOnly(2026, 11, 10)));
        Assert.True(records.IsUnfit(Handler, 2026));
        Assert.False(records.IsUnfit(Handler, 2027));
    }

    [Fact]
    public void AC12_faults_without_direct_responsibility_do_not_make_unfit()
    {
        var records = new AccountabilityRecords();
        foreach (var month in new[] { 2, 5, 9 })
        {
            records.Add(DecisionFor(Leader, new DateOnly(2026, month, 1), role: PersonRole.ApprovingLeader));
        }

        Assert.False(records.IsUnfit(Leader, 2026));
    }

    [Fact]
    public void AC12_three_faults_through_the_cases_own_decisions_mark_the_handler_unfit()
    {
        var records = new AccountabilityRecords();
        foreach (var month in new[] { 1, 4, 8 })
        {
            var on = new DateOnly(2026, month, 20);
            var @case = ReadyToDecide(Facts(occurredOn: on.AddDays(-15)), records);
            records.Add(@case.Decide(new CaseDecision(on, on.AddDays(20))));
        }

        Assert.True(records.IsUnfit(Handler, 2026));
        Assert.Equal(3, records.Standing(Of(Handler)).Count(r => r.DirectResponsibility));
    }

    [Fact]
    public void AC12_any_accountability_removes_a_persons_commendation_eligibility_for_that_year()
    {
        var records = new AccountabilityRecords();
        records.Add(DecisionFor(Handler, new DateOnly(2026, 5, 1)));

        Assert.False(records.IsEligibleForCommendation(Of(Handler), 2026));
        Assert.True(records.IsEligibleForCommendation(Of(Handler), 2025));
        Assert.True(records.IsEligibleForCommendation(Of(Leader), 2026));
    }

    [Fact]
    public void AC12_a_unit_loses_commendation_eligibility_only_when_its_measures_say_so()
    {
        var records = new AccountabilityRecords();
        records.Add(DecisionFor(Handler, new DateOnly(2026, 5, 1)));
        Assert.True(records.IsEligibleForCommendation(UnitOf, 2026));

        var grave = ReadyToDecide(Facts(Severity.Grave, occurredOn: new DateOnly(2026, 6, 1)));
        records.Add(grave.Decide(new CaseDecision(new DateOnly(2026, 7, 1), new DateOnly(2026, 8, 1))));
        Assert.False(records.IsEligibleForCommendation(UnitOf, 2026));
    }

    [Fact]
    public void AC12_a_decision_revoked_on_appeal_restores_eligibility()
    {
        var records = new AccountabilityRecords();
        var decided = DecisionFor(Handler, new DateOnly(2026, 5, 1));
        records.Add(decided);
        records.Apply(new AppealDecided(decided.CaseId, Of(Handler), AppealOutcome.Revoked, "事实不清", [], new DateOnly(2026, 6, 1)));

        Assert.True(records.IsEligibleForCommendation(Of(Handler), 2026));
        Assert.Empty(records.ViolationsInPast12Months(Of(Handler), new DateOnly(2026, 6, 2)));
        Assert.True(records.All.Single(r => r.Subject == Of(Handler)).Revoked);
    }

    [Fact]
    public void AC12_violations_in_the_past_12_months_per_person_and_unit()
    {
        var records = new AccountabilityRecords();
        records.Add(DecisionFor(Handler, new DateOnly(2025, 4, 1), occurredOn: new DateOnly(2025, 3, 1)));
        records.Add(DecisionFor(Handler, new DateOnly(2026, 1, 15), occurredOn: new DateOnly(2026, 1, 1)));

        var asOf = new DateOnly(2026, 3, 1);
        Assert.Equal([new DateOnly(2026, 1, 1)], records.ViolationsInPast12Months(Of(Handler), asOf).Select(r => r.OccurredOn));
        Assert.Single(records.ViolationsInPast12Months(UnitOf, asOf));
        Assert.Empty(records.ViolationsInPast12Months(Of(Leader), asOf));
    }

    [Fact]
    public void AC12_an_exempt_person_has_no_record()
    {
        var act = new ActParticipants(DecisionPath.CollectiveDecision, Handler, PrincipalLeader: Principal, OtherMembers: [Member]);
        var @case = Decided(Facts(act: act) with { ObjectedOnRecord = new HashSet<PersonRef> { Member } });
        var records = new AccountabilityRecords();
        records.Add(@case.Decision!);

        Assert.Empty(records.Standing(Of(Member)));
        Assert.True(records.IsEligibleForCommendation(Of(Member), @case.Decision!.DecidedOn.Year));
        Assert.Single(records.Standing(Of(Principal)));
    }
}
