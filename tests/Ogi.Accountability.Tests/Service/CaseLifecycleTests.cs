using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Ogi.Contracts.Accountability.V1;

namespace Ogi.Accountability.Tests.Service;

/// <summary>AC-5 … AC-10, AC-12, AC-13 through the gRPC API, with the decision events out.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class CaseLifecycleTests(AccountabilityFixture service) : IClassFixture<AccountabilityFixture>
{
    private static readonly DateOnly Occurred = new(2026, 2, 10);

    private AccountabilityService.AccountabilityServiceClient Client => service.Client;

    [Fact]
    public async Task AC5_one_investigator_is_refused()
    {
        var opened = await service.BreachAsync("app-one-investigator");

        await AccountabilityFixture.AssertRuleAsync("AC-5", Client.StartInvestigationAsync(
            new StartInvestigationRequest { CaseId = opened.CaseId, Investigators = { "inv-yz-01" } }, service.Supervisor));
        await AccountabilityFixture.AssertRuleAsync("AC-5", Client.StartInvestigationAsync(
            new StartInvestigationRequest { CaseId = opened.CaseId, Investigators = { "inv-yz-01", "inv-yz-01" } }, service.Supervisor));
        Assert.Equal(CaseStatus.Accepted, (await Client.GetCaseAsync(new GetCaseRequest { CaseId = opened.CaseId }, service.Supervisor)).Case.Status);
    }

    [Fact]
    public async Task AC5_a_decision_refused_before_the_defence_is_recorded()
    {
        var opened = await service.BreachAsync("app-no-defence");
        await Client.StartInvestigationAsync(new StartInvestigationRequest { CaseId = opened.CaseId, Investigators = { "inv-yz-01", "inv-yz-02" } }, service.Supervisor);

        // Evidence only from the case's investigators.
        await AccountabilityFixture.AssertRuleAsync("AC-5", Client.RecordEvidenceAsync(new RecordEvidenceRequest { CaseId = opened.CaseId, Description = "x" },
            service.Host.Staff("inv-yz-99", AccountabilityFixture.Handling, BuildingBlocks.Identity.Principals.StaffRole.Supervisor)));
        await Client.RecordEvidenceAsync(new RecordEvidenceRequest { CaseId = opened.CaseId, Description = "答复记录" }, service.Investigator1);
        await Client.EstablishFactsAsync(new EstablishFactsRequest { CaseId = opened.CaseId, Facts = AccountabilityFixture.Facts("h-no-defence", Occurred) }, service.Supervisor);
        await Client.ProposeMeasuresAsync(new ProposeMeasuresRequest { CaseId = opened.CaseId }, service.Supervisor);

        var decide = new DecideCaseRequest { CaseId = opened.CaseId, RectificationDue = AccountabilityFixture.Date(service.Clock.Today.AddDays(30)) };
        await AccountabilityFixture.AssertRuleAsync("AC-5", Client.DecideCaseAsync(decide, service.Leader));

        await Client.RecordDefenceAsync(new RecordDefenceRequest { CaseId = opened.CaseId, Respondent = "h-no-defence", Statement = "当日系统故障" }, service.Supervisor);
        Assert.Equal(CaseStatus.Decided, (await Client.DecideCaseAsync(decide, service.Leader)).Case.Status);
    }

    [Theory]
    [InlineData("handler-alone", "", "handler:Primary")]
    [InlineData("leader-approved", "", "leader:Primary handler:Primary")]
    [InlineData("leader-approved", "handler", "leader:Primary handler:Mitigated")]
    [InlineData("collective", "", "principal:Primary handler:Primary member:Secondary")]
    [InlineData("collective", "member", "principal:Primary handler:Primary member:Exempt")]
    [InlineData("collective", "handler", "principal:Primary handler:Mitigated member:Secondary")]
    public async Task AC6_each_responsibility_pattern_of_seed_000_article_7_with_and_without_an_objection_on_record(string path, string objector, string expected)
    {
        var tag = $"{path}-{(objector.Length == 0 ? "none" : objector)}";
        var people = new Dictionary<string, string> { ["handler"] = $"h-{tag}", ["leader"] = $"l-{tag}", ["principal"] = $"p-{tag}", ["member"] = $"m-{tag}" };
        var act = path switch
        {
            "handler-alone" => new ActParticipants { Path = DecisionPath.HandlerAlone, Handler = people["handler"] },
            "leader-approved" => new ActParticipants { Path = DecisionPath.LeaderApproved, Handler = people["handler"], ApprovingLeader = people["leader"] },
            _ => new ActParticipants { Path = DecisionPath.CollectiveDecision, Handler = people["handler"], PrincipalLeader = people["principal"], OtherMembers = { people["member"] } },
        };
        var opened = await service.BreachAsync("app-ac6-" + tag);
        await Client.StartInvestigationAsync(new StartInvestigationRequest { CaseId = opened.CaseId, Investigators = { "inv-yz-01", "inv-yz-02" } }, service.Supervisor);
        await Client.RecordEvidenceAsync(new RecordEvidenceRequest { CaseId = opened.CaseId, Description = "审批记录" }, service.Investigator1);

        var facts = AccountabilityFixture.Facts(people["handler"], Occurred, act: act, objected: objector.Length == 0 ? [] : [people[objector]]);
        var established = (await Client.EstablishFactsAsync(new EstablishFactsRequest { CaseId = opened.CaseId, Facts = facts }, service.Supervisor)).Case;

        var allocated = string.Join(" ", established.Responsibilities.Select(r => $"{people.Single(p => p.Value == r.PersonRef).Key}:{r.Kind}"));
        Assert.Equal(expected, allocated);
        Assert.All(established.Responsibilities, r => Assert.Contains("第七条", r.Basis, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AC6_a_handler_acting_alone_cannot_have_objected_to_anyone()
    {
        var opened = await service.BreachAsync("app-ac6-alone-objected");
        await Client.StartInvestigationAsync(new StartInvestigationRequest { CaseId = opened.CaseId, Investigators = { "inv-yz-01", "inv-yz-02" } }, service.Supervisor);
        await Client.RecordEvidenceAsync(new RecordEvidenceRequest { CaseId = opened.CaseId, Description = "审批记录" }, service.Investigator1);

        await AccountabilityFixture.AssertFieldAsync("objections", Client.EstablishFactsAsync(new EstablishFactsRequest
        {
            CaseId = opened.CaseId,
            Facts = AccountabilityFixture.Facts("h-alone-objected", Occurred, objected: ["h-alone-objected"]),
        }, service.Supervisor));
    }

    [Fact]
    public async Task AC9_a_second_violation_within_a_year_makes_the_proposal_heavier_and_a_first_one_does_not()
    {
        service.Clock.SetDate(new DateOnly(2026, 3, 2));
        var first = await service.DecidedBreachAsync("app-first", "h-second", Occurred);
        Assert.Equal(Severity.General, first.Decision.Persons.Single().Severity);
        Assert.DoesNotContain(Measure.PublicCriticism, first.Decision.Persons.Single().Measures);

        var second = await service.BreachAsync("app-second");
        var proposed = await service.ReadyToDecideAsync(second.CaseId, AccountabilityFixture.Facts("h-second", Occurred.AddMonths(5)));

        var person = proposed.Proposal.Assessments.Single(a => a.Subject.PersonRef == "h-second");
        Assert.Equal(Severity.Serious, person.Severity);
        Assert.Contains(person.Steps, s => s.Contains(first.CaseId, StringComparison.Ordinal));
        Assert.Contains(proposed.Proposal.Measures, m => m.Subject.PersonRef == "h-second" && m.Measure == Measure.PublicCriticism);
    }

    [Fact]
    public async Task AC9_mitigating_factors_make_the_proposal_lighter()
    {
        var plain = await service.BreachAsync("app-serious-plain");
        var heavy = await service.ReadyToDecideAsync(plain.CaseId, AccountabilityFixture.Facts("h-serious-plain", Occurred, Severity.Serious));
        var mitigatedCase = await service.BreachAsync("app-serious-mitigated");
        var light = await service.ReadyToDecideAsync(mitigatedCase.CaseId,
            AccountabilityFixture.Facts("h-serious-mitigated", Occurred, Severity.Serious, mitigating: [MitigatingFactor.Cooperated, MitigatingFactor.CorrectedPromptly]));

        Assert.Equal(Severity.Serious, heavy.Proposal.Assessments.Single(a => a.Subject.PersonRef == "h-serious-plain").Severity);
        Assert.Equal(Severity.General, light.Proposal.Assessments.Single(a => a.Subject.PersonRef == "h-serious-mitigated").Severity);
        Assert.Contains(heavy.Proposal.Measures, m => m.Subject.PersonRef == "h-serious-plain" && m.Measure == Measure.AdmonitoryTalk);
        Assert.DoesNotContain(light.Proposal.Measures, m => m.Subject.PersonRef == "h-serious-mitigated" && m.Measure == Measure.AdmonitoryTalk);
    }

    [Fact]
    public async Task AC9_AC12_three_general_faults_in_a_year_mark_the_person_unfit_seed_002()
    {
        service.Clock.SetDate(new DateOnly(2026, 6, 1));
        var person = new GetRecordsRequest { Subject = new Subject { PersonRef = "h-three" }, Year = 2026 };
        await service.DecidedBreachAsync("app-three-1", "h-three", new DateOnly(2026, 1, 5));
        await service.DecidedBreachAsync("app-three-2", "h-three", new DateOnly(2026, 3, 5));
        var afterTwo = await Client.GetRecordsAsync(person, service.Host.PlatformService("assessment"));
        Assert.False(afterTwo.Unfit);
        Assert.False(afterTwo.EligibleForCommendation);

        await service.DecidedBreachAsync("app-three-3", "h-three", new DateOnly(2026, 5, 5));
        var afterThree = await Client.GetRecordsAsync(person, service.Host.Staff("assessor-1", SampleAgencies.Yuanzhou, BuildingBlocks.Identity.Principals.StaffRole.Assessor));
        Assert.True(afterThree.Unfit);
        Assert.Equal(3, afterThree.Records.Count);
        Assert.All(afterThree.Records, r => Assert.True(r.DirectResponsibility));
        Assert.Equal(3, afterThree.ViolationsPast12Months);
    }

    [Fact]
    public async Task AC9_AC10_AC13_a_departing_decision_with_reasons_goes_out_with_persons_by_reference_and_an_appeal_revokes_it()
    {
        service.Clock.SetDate(new DateOnly(2026, 7, 1));
        var opened = await service.BreachAsync("app-full");
        var act = new ActParticipants { Path = DecisionPath.LeaderApproved, Handler = "h-full", ApprovingLeader = "l-full" };
        var proposed = await service.ReadyToDecideAsync(opened.CaseId, AccountabilityFixture.Facts("h-full", new DateOnly(2026, 6, 1), Severity.Serious, act, objected: ["h-full"]));
        Assert.Equal(Severity.General, proposed.Proposal.Assessments.Single(a => a.Subject.PersonRef == "h-full").Severity);

        var departure = new DecideCaseRequest
        {
            CaseId = opened.CaseId,
            RectificationDue = AccountabilityFixture.Date(new DateOnly(2026, 7, 31)),
            Departures = { new DecidedMeasures { Subject = new Subject { PersonRef = "l-full" }, Measures = { Measure.RectificationOrdered, Measure.AdmonitoryTalk } } },
        };
        await AccountabilityFixture.AssertRuleAsync("AC-9", Client.DecideCaseAsync(departure, service.Leader));
        departure.DepartureReasons = "主管领导已主动说明情况并作出书面检查";
        var decided = (await Client.DecideCaseAsync(departure, service.Leader)).Case;

        foreach (var topic in new[] { Topics.Accountability, Topics.Decisions })
        {
            var published = await service.Host.Events.WaitForAsync<AccountabilityDecided>(e => e.CaseId == opened.CaseId, topic);
            Assert.Equal("固原市原州区教育局", published.Unit.Name);
            Assert.Equal(["l-full", "h-full"], published.Persons.Select(p => p.PersonRef));
            Assert.Equal([Measure.RectificationOrdered, Measure.AdmonitoryTalk], published.Persons[0].Measures);
            Assert.Equal(departure.DepartureReasons, published.DepartureReasons);
            Assert.Equal(AccountabilityFixture.Handling, published.HandlingAgencyCode);
        }

        // AC-10: a written notice to the unit and to each person, the person by reference only.
        var notice = await Client.GetDecisionNoticeAsync(new GetDecisionNoticeRequest { CaseId = opened.CaseId, Recipient = new Subject { PersonRef = "h-full" } }, service.Supervisor);
        Assert.Contains("责任追究决定通知书", notice.Html, StringComparison.Ordinal);
        Assert.Contains("h-full", notice.Html, StringComparison.Ordinal);
        Assert.Contains("责令整改", notice.Html, StringComparison.Ordinal);
        Assert.Contains("2026年7月31日", notice.Html, StringComparison.Ordinal);
        var unitNotice = await Client.GetDecisionNoticeAsync(new GetDecisionNoticeRequest { CaseId = opened.CaseId, Recipient = new Subject { UnitAgencyCode = AccountabilityFixture.Unit } }, service.Supervisor);
        Assert.Contains("整改情况书面报告期限", unitNotice.Html, StringComparison.Ordinal);
        Assert.Equal(3, decided.Notices.Count);

        // AC-10: served, appealed within the period, revoked with reasons; AC-12: the record stops counting.
        await Client.RecordNoticeServedAsync(new RecordNoticeServedRequest { CaseId = opened.CaseId, Recipient = new Subject { PersonRef = "h-full" }, ServedOn = AccountabilityFixture.Date(new DateOnly(2026, 7, 3)) }, service.Supervisor);
        service.Clock.SetDate(new DateOnly(2026, 8, 2));
        await Client.FileAppealAsync(new FileAppealRequest { CaseId = opened.CaseId, Appellant = new Subject { PersonRef = "h-full" }, Grounds = "已书面提出反对意见" }, service.Supervisor);
        await AccountabilityFixture.AssertFieldAsync("reasons", Client.DecideAppealAsync(new DecideAppealRequest
        {
            CaseId = opened.CaseId,
            Appellant = new Subject { PersonRef = "h-full" },
            Outcome = AppealOutcome.Revoked,
        }, service.Leader));
        await Client.DecideAppealAsync(new DecideAppealRequest
        {
            CaseId = opened.CaseId,
            Appellant = new Subject { PersonRef = "h-full" },
            Outcome = AppealOutcome.Revoked,
            Reasons = "承办人已书面提出正确意见",
        }, service.Leader);

        foreach (var topic in new[] { Topics.Accountability, Topics.Decisions })
        {
            var appeal = await service.Host.Events.WaitForAsync<AppealDecided>(e => e.CaseId == opened.CaseId, topic);
            Assert.Equal("h-full", appeal.PersonRef);
            Assert.Equal(AppealOutcome.Revoked, appeal.Outcome);
            Assert.Empty(appeal.MeasuresAfter);
        }

        var records = await Client.GetRecordsAsync(new GetRecordsRequest { Subject = new Subject { PersonRef = "h-full" }, Year = 2026 }, service.Host.PlatformService("assessment"));
        Assert.True(Assert.Single(records.Records).Revoked);
        Assert.True(records.EligibleForCommendation);
        Assert.Equal(0, records.ViolationsPast12Months);
    }

    [Fact]
    public async Task AC10_an_appeal_after_the_period_is_refused()
    {
        service.Clock.SetDate(new DateOnly(2026, 9, 1));
        var decided = await service.DecidedBreachAsync("app-appeal-late", "h-appeal-late", new DateOnly(2026, 8, 1));

        service.Clock.SetDate(new DateOnly(2026, 10, 2)); // 31 days after the notice was issued
        await AccountabilityFixture.AssertRuleAsync("AC-10", Client.FileAppealAsync(new FileAppealRequest
        {
            CaseId = decided.CaseId,
            Appellant = new Subject { PersonRef = "h-appeal-late" },
            Grounds = "不服",
        }, service.Supervisor));
    }

    [Theory]
    [InlineData("张三")]
    [InlineData("640402198001011234")]
    [InlineData("13912345678")]
    public async Task AC12_AC13_a_person_is_named_only_by_pseudonymous_reference(string notAReference)
    {
        var opened = await service.BreachAsync("app-name-" + notAReference);
        await Client.StartInvestigationAsync(new StartInvestigationRequest { CaseId = opened.CaseId, Investigators = { "inv-yz-01", "inv-yz-02" } }, service.Supervisor);
        await Client.RecordEvidenceAsync(new RecordEvidenceRequest { CaseId = opened.CaseId, Description = "答复记录" }, service.Investigator1);

        await AccountabilityFixture.AssertFieldAsync("facts.act.handler", Client.EstablishFactsAsync(
            new EstablishFactsRequest { CaseId = opened.CaseId, Facts = AccountabilityFixture.Facts(notAReference, Occurred) }, service.Supervisor));
    }

    [Fact]
    public async Task A_case_id_that_is_not_a_uuid_is_an_invalid_argument_and_an_unknown_one_not_found()
    {
        await AccountabilityFixture.AssertFieldAsync("case_id", Client.GetCaseAsync(new GetCaseRequest { CaseId = "nope" }, service.Supervisor));
        var missing = await AccountabilityFixture.RefusedAsync(Client.GetCaseAsync(new GetCaseRequest { CaseId = Guid.NewGuid().ToString() }, service.Supervisor));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }
}
