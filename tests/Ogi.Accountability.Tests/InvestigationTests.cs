using Ogi.Accountability.Domain;
using Ogi.Accountability.Domain.Cases;
using Ogi.Accountability.Domain.Records;
using Ogi.Accountability.Domain.Responsibility;
using Ogi.BuildingBlocks.Domain;
using static Ogi.Accountability.Tests.Scenario;

namespace Ogi.Accountability.Tests;

public class InvestigationTests
{
    [Fact]
    public void AC5_one_investigator_is_refused()
    {
        var @case = Breach();
        var refusal = Assert.Throws<RuleViolationException>(() => @case.StartInvestigation([Investigator1]));
        Assert.Equal("AC-5", refusal.RuleId);
        Assert.Equal(CaseStatus.Accepted, @case.Status);
    }

    [Fact]
    public void AC5_the_same_investigator_named_twice_is_still_one()
    {
        var refusal = Assert.Throws<RuleViolationException>(() => Breach().StartInvestigation([Investigator1, new PersonRef("inv-01")]));
        Assert.Equal("AC-5", refusal.RuleId);
    }

    [Fact]
    public void AC5_two_investigators_start_the_investigation()
    {
        var @case = Breach();
        @case.StartInvestigation([Investigator1, Investigator2]);
        Assert.Equal(CaseStatus.UnderInvestigation, @case.Status);
        Assert.Equal(2, @case.Investigators.Count);
    }

    [Fact]
    public void AC5_a_registered_report_is_not_investigated_before_acceptance()
    {
        var @case = AccountabilityCase.RegisterComplaint(Guid.NewGuid(), Report(), Day, AccountabilityProfile.Default);
        Assert.Equal("AC-5", Assert.Throws<RuleViolationException>(() => @case.StartInvestigation([Investigator1, Investigator2])).RuleId);
    }

    [Fact]
    public void AC5_evidence_is_recorded_only_by_an_investigator_of_the_case()
    {
        var @case = Breach();
        @case.StartInvestigation([Investigator1, Investigator2]);
        Assert.Throws<RuleViolationException>(() => @case.RecordEvidence(new PersonRef("someone-else"), "材料", Day));
        @case.RecordEvidence(Investigator2, "材料", Day);
        Assert.Equal(Investigator2, Assert.Single(@case.Evidence).RecordedBy);
    }

    [Fact]
    public void AC5_facts_without_recorded_evidence_are_refused()
    {
        var @case = Breach();
        @case.StartInvestigation([Investigator1, Investigator2]);
        Assert.Equal("AC-5", Assert.Throws<RuleViolationException>(() => @case.EstablishFacts(Facts())).RuleId);
    }

    [Fact]
    public void AC5_a_decision_before_the_defence_is_recorded_is_refused()
    {
        var @case = Investigating();
        @case.EstablishFacts(Facts());
        @case.Propose(new AccountabilityRecords());

        var refusal = Assert.Throws<RuleViolationException>(() => @case.Decide(new CaseDecision(Day.AddDays(10), Day.AddDays(30))));
        Assert.Equal("AC-5", refusal.RuleId);
        Assert.Contains(Handler.Value, refusal.Message);
        Assert.Null(@case.Decision);

        @case.RecordDefence(Handler, "承认未按期答复,系工作疏忽", Day.AddDays(6));
        @case.Decide(new CaseDecision(Day.AddDays(10), Day.AddDays(30)));
        Assert.Equal(CaseStatus.Decided, @case.Status);
    }

    [Fact]
    public void AC5_every_accountable_person_is_heard_but_an_exempt_one_need_not_be()
    {
        var act = new ActParticipants(DecisionPath.CollectiveDecision, Handler, PrincipalLeader: Principal, OtherMembers: [Member]);
        var @case = Investigating();
        @case.EstablishFacts(Facts(act: act) with { ObjectedOnRecord = new HashSet<PersonRef> { Member } });
        @case.Propose(new AccountabilityRecords());
        @case.RecordDefence(Handler, "陈述", Day);
        Assert.Throws<RuleViolationException>(() => @case.Decide(new CaseDecision(Day.AddDays(10), Day.AddDays(30))));

        @case.RecordDefence(Principal, "申辩", Day);
        @case.Decide(new CaseDecision(Day.AddDays(10), Day.AddDays(30)));
        Assert.DoesNotContain(@case.Decision!.Persons, p => p.Person == Member);
    }

    [Fact]
    public void AC5_a_defence_comes_from_a_person_the_facts_name()
    {
        var @case = Investigating();
        Assert.Throws<RuleViolationException>(() => @case.RecordDefence(Handler, "陈述", Day));
        @case.EstablishFacts(Facts());
        Assert.Throws<InvalidInputException>(() => @case.RecordDefence(Member, "陈述", Day));
    }

    [Fact]
    public void AC5_dismissal_needs_reasons_and_ends_the_case()
    {
        var @case = Investigating();
        Assert.Throws<InvalidInputException>(() => @case.Dismiss(""));
        @case.Dismiss("经查已按期答复,举报不实");
        Assert.Equal(CaseStatus.Dismissed, @case.Status);
        Assert.Throws<RuleViolationException>(() => @case.Propose(new AccountabilityRecords()));
    }
}
