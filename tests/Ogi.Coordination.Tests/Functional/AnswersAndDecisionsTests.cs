using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Ogi.Coordination.Persistence;
using static Ogi.Coordination.Tests.Functional.Running;
using Pb = Ogi.Contracts.Coordination.V1;

namespace Ogi.Coordination.Tests.Functional;

/// <summary>Written answers through the API (CO-3), agency scope on letters, the competence rule, escalation and binding decisions.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class AnswersAndDecisionsTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly TestClock _clock = new(EveOfNationalDay);
    private ServiceUnderTest<CoordinationDbContext> _svc = null!;

    private Pb.CoordinationService.CoordinationServiceClient Client => _svc.Client();

    public async Task InitializeAsync() => _svc = await StartAsync(postgres, _clock);

    public async Task DisposeAsync() => await _svc.DisposeAsync();

    [Fact]
    public async Task CO1_staff_open_a_coordination_which_is_audited_and_each_agency_concerned_sees_only_its_own_letter()
    {
        var opened = (await Client.OpenCoordinationAsync(Opening(Concerned(Housing), Concerned(Health)), _svc.Coordinator(Releasing))).Coordination;
        Assert.Equal(2, opened.Letters.Count);
        Assert.Equal("coord-1", opened.OpenedBy);

        var asHousing = (await Client.GetCoordinationAsync(new Pb.GetCoordinationRequest { CoordinationId = opened.CoordinationId }, _svc.Coordinator(Housing))).Coordination;
        Assert.Equal(Housing, Assert.Single(asHousing.Letters).Agency.AgencyCode);
        Assert.Equal(opened.FullDraft, asHousing.FullDraft);

        var incoming = (await Client.ListCoordinationsAsync(new Pb.ListCoordinationsRequest { AgencyCode = Health, Role = Pb.CoordinationRole.Concerned },
            _svc.Coordinator(Health))).Coordinations;
        Assert.Equal(Health, Assert.Single(Assert.Single(incoming).Letters).Agency.AgencyCode);

        var stranger = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.GetCoordinationAsync(new Pb.GetCoordinationRequest { CoordinationId = opened.CoordinationId }, _svc.Coordinator(SampleAgencies.YuanzhouEducation)));
        Assert.Equal(StatusCode.PermissionDenied, stranger.StatusCode);

        var forOther = await Assert.ThrowsAsync<RpcException>(async () => await Client.AnswerLetterAsync(new Pb.AnswerLetterRequest
        {
            CoordinationId = opened.CoordinationId,
            AgencyCode = Health,
            Answer = Pb.AnswerKind.Consent,
        }, _svc.Coordinator(Housing)));
        Assert.Equal(StatusCode.PermissionDenied, forOther.StatusCode);

        await using var scope = _svc.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        var audit = await db.AuditEntries.SingleAsync(a => a.AggregateId == opened.CoordinationId);
        Assert.Equal("coord-1", audit.Actor);
        Assert.Equal("ogi.coordination.v1.CoordinationService/OpenCoordination", audit.Action);
    }

    [Fact]
    public async Task The_releasing_agency_pages_through_its_coordinations_newest_first()
    {
        var ids = new List<string>();
        for (var day = 5; day <= 7; day++)
        {
            _clock.SetDate(new DateOnly(2026, 11, day));
            ids.Add((await Client.OpenCoordinationAsync(Opening(Concerned(Health)), _svc.Coordinator(Releasing))).Coordination.CoordinationId);
        }

        var request = new Pb.ListCoordinationsRequest { AgencyCode = Releasing, Role = Pb.CoordinationRole.Releasing, PageSize = 2 };
        var first = await Client.ListCoordinationsAsync(request, _svc.Coordinator(Releasing));
        request.PageToken = first.NextPageToken;
        var second = await Client.ListCoordinationsAsync(request, _svc.Coordinator(Releasing));

        Assert.Equal([ids[2], ids[1], ids[0]], first.Coordinations.Concat(second.Coordinations).Select(c => c.CoordinationId));
        Assert.Equal("", second.NextPageToken);
        request.PageToken = "not-a-token";
        Assert.Equal("page_token", FieldOf(await Assert.ThrowsAsync<RpcException>(async () => await Client.ListCoordinationsAsync(request, _svc.Coordinator(Releasing)))));
        var otherAgency = await Assert.ThrowsAsync<RpcException>(async () => await Client.ListCoordinationsAsync(
            new Pb.ListCoordinationsRequest { AgencyCode = Releasing, Role = Pb.CoordinationRole.Releasing }, _svc.Coordinator(Health)));
        Assert.Equal(StatusCode.PermissionDenied, otherAgency.StatusCode);
    }

    [Fact]
    public async Task CO3_answers_are_written_an_objection_without_reasons_is_refused_naming_the_field()
    {
        var opened = (await Client.OpenCoordinationAsync(Opening(Concerned(Housing)), _svc.Coordinator(Releasing))).Coordination;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.AnswerLetterAsync(new Pb.AnswerLetterRequest
        {
            CoordinationId = opened.CoordinationId,
            AgencyCode = Housing,
            Answer = Pb.AnswerKind.Objection,
        }, _svc.Coordinator(Housing)));

        Assert.Equal("answer.reasons", FieldOf(error));
    }

    [Fact]
    public async Task CO2_an_answer_after_the_due_day_is_refused_and_the_letter_lapses_instead()
    {
        var opened = (await Client.OpenCoordinationAsync(Opening(Concerned(Housing)), _svc.Coordinator(Releasing))).Coordination;
        _clock.SetDate(new DateOnly(2026, 10, 21));
        await _svc.Events.WaitForAsync<Pb.LetterLapsed>(e => e.CoordinationId == opened.CoordinationId);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.AnswerLetterAsync(new Pb.AnswerLetterRequest
        {
            CoordinationId = opened.CoordinationId,
            AgencyCode = Housing,
            Answer = Pb.AnswerKind.Consent,
        }, _svc.Coordinator(Housing)));

        Assert.Equal("CO-3", RuleOf(error)); // the letter is closed (逾期未复): it cannot be answered any more
    }

    [Fact]
    public async Task CO3_the_competent_agencys_objection_decides_the_disagreement_without_escalation()
    {
        var opened = (await Client.OpenCoordinationAsync(Opening(Concerned(Housing, Pb.ConcernGround.Competence), Concerned(Health)),
            _svc.Coordinator(Releasing))).Coordination;
        _clock.SetDate(new DateOnly(2026, 10, 9));

        await Client.AnswerLetterAsync(new Pb.AnswerLetterRequest { CoordinationId = opened.CoordinationId, AgencyCode = Health, Answer = Pb.AnswerKind.Consent },
            _svc.Coordinator(Health, "clerk-h"));
        var answered = (await Client.AnswerLetterAsync(new Pb.AnswerLetterRequest
        {
            CoordinationId = opened.CoordinationId,
            AgencyCode = Housing,
            Answer = Pb.AnswerKind.Objection,
            Text = "项目范围属本局职权，尚未完成审批，不宜发布",
        }, _svc.Coordinator(Housing, "clerk-x"))).Coordination;

        Assert.Equal(Pb.CoordinationStatus.Concluded, answered.Status);
        Assert.Equal(Pb.CoordinationOutcome.ObjectionPrevails, answered.Conclusion.Outcome);
        Assert.False(answered.Conclusion.ReleasePermitted);
        Assert.Equal("", answered.EscalatedTo);

        var letterAnswered = await _svc.Events.WaitForAsync<Pb.LetterAnswered>(e => e.CoordinationId == opened.CoordinationId && e.AnsweringAgencyCode == Housing);
        Assert.Equal(Pb.AnswerKind.Objection, letterAnswered.Answer);
        Assert.Equal(Day(2026, 10, 9), letterAnswered.AnsweredOn);
        Assert.Equal(Day(2026, 10, 20), letterAnswered.DueOn);
        Assert.True(letterAnswered.OnTime);
        var concluded = await _svc.Events.WaitForAsync<Pb.CoordinationConcluded>(e => e.CoordinationId == opened.CoordinationId);
        Assert.Equal(Pb.CoordinationOutcome.ObjectionPrevails, concluded.Outcome);
        var ended = await _svc.Events.WaitForAsync<Pb.ConsultationEnded>(e => e.CoordinationId == opened.CoordinationId);
        Assert.Equal(Day(2026, 10, 9), ended.EndedOn);

        var escalation = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.EscalateCoordinationAsync(new Pb.EscalateCoordinationRequest { CoordinationId = opened.CoordinationId }, _svc.Coordinator(Releasing)));
        Assert.Equal("CO-3", RuleOf(escalation));
    }

    [Fact]
    public async Task CO3_escalation_produces_a_binding_decision_that_every_party_sees()
    {
        var opened = (await Client.OpenCoordinationAsync(Opening(Concerned(Housing), Concerned(Health)), _svc.Coordinator(Releasing))).Coordination;
        _clock.SetDate(new DateOnly(2026, 10, 12));
        await Client.AnswerLetterAsync(new Pb.AnswerLetterRequest { CoordinationId = opened.CoordinationId, AgencyCode = Health, Answer = Pb.AnswerKind.Consent },
            _svc.Coordinator(Health));
        var disputed = (await Client.AnswerLetterAsync(new Pb.AnswerLetterRequest
        {
            CoordinationId = opened.CoordinationId,
            AgencyCode = Housing,
            Answer = Pb.AnswerKind.Objection,
            Text = "补偿标准尚在论证",
        }, _svc.Coordinator(Housing))).Coordination;
        Assert.Equal(Pb.CoordinationStatus.Disputed, disputed.Status);

        var escalated = (await Client.EscalateCoordinationAsync(new Pb.EscalateCoordinationRequest { CoordinationId = opened.CoordinationId },
            _svc.Coordinator(Releasing))).Coordination;
        Assert.Equal(Department, escalated.EscalatedTo); // the city general office: the releasing agency's competent department

        var admin = _svc.Staff("admin-1", Department, StaffRole.CompetentDepartmentAdministrator);
        var escalatedList = (await Client.ListCoordinationsAsync(new Pb.ListCoordinationsRequest { AgencyCode = Department, Role = Pb.CoordinationRole.CompetentDepartment },
            admin)).Coordinations;
        Assert.Equal(2, Assert.Single(escalatedList).Letters.Count);

        var notAll = await Assert.ThrowsAsync<RpcException>(async () => await Client.RecordBindingDecisionAsync(new Pb.RecordBindingDecisionRequest
        {
            CoordinationId = opened.CoordinationId,
            ConvenedUnits = { Releasing, Housing },
            DecisionText = "同意发布",
            ReleasePermitted = true,
        }, admin));
        Assert.Equal("CO-3", RuleOf(notAll)); // every unit concerned is convened

        var otherDepartment = await Assert.ThrowsAsync<RpcException>(async () => await Client.RecordBindingDecisionAsync(new Pb.RecordBindingDecisionRequest
        {
            CoordinationId = opened.CoordinationId,
            ConvenedUnits = { Releasing, Housing, Health },
            DecisionText = "同意发布",
            ReleasePermitted = true,
        }, _svc.Staff("admin-2", SampleAgencies.XijiGeneralOffice, StaffRole.CompetentDepartmentAdministrator)));
        Assert.Equal(StatusCode.PermissionDenied, otherDepartment.StatusCode);

        _clock.SetDate(new DateOnly(2026, 10, 16));
        var decided = (await Client.RecordBindingDecisionAsync(new Pb.RecordBindingDecisionRequest
        {
            CoordinationId = opened.CoordinationId,
            ConvenedUnits = { Releasing, Housing, Health },
            Experts = { "自治区国土整治专家组" },
            DecisionText = "经组织相关单位和专家研究协商，补偿标准按市政府已批准方案执行，同意发布",
            ReleasePermitted = true,
        }, admin)).Coordination;
        Assert.Equal(Pb.CoordinationOutcome.BindingDecision, decided.Conclusion.Outcome);

        var onCoordination = await _svc.Events.WaitForAsync<Pb.BindingDecisionIssued>(e => e.CoordinationId == opened.CoordinationId, Topics.Coordination);
        var onDecisions = await _svc.Events.WaitForAsync<Pb.BindingDecisionIssued>(e => e.CoordinationId == opened.CoordinationId, Topics.Decisions);
        Assert.Equal(onCoordination, onDecisions);
        Assert.Equal([Releasing, Housing, Health], onDecisions.Parties);
        Assert.Equal(Department, onDecisions.DepartmentCode);
        Assert.Equal(Day(2026, 10, 16), onDecisions.DecidedOn);

        // County systems and the CLI follow "decisions" through this service's decision feed.
        using (var feed = new Contracts.Common.V1.DecisionFeedService.DecisionFeedServiceClient(_svc.Channel).WatchDecisions(
            new Contracts.Common.V1.WatchDecisionsRequest { FromStart = true }, _svc.PlatformService("cli")))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            Assert.True(await feed.ResponseStream.MoveNext(timeout.Token));
            Assert.Equal("coordination", feed.ResponseStream.Current.Service);
            Assert.Equal(onDecisions, feed.ResponseStream.Current.Event.Unpack<Pb.BindingDecisionIssued>());
        }

        foreach (var party in new[] { Housing, Health })
        {
            var seen = (await Client.GetCoordinationAsync(new Pb.GetCoordinationRequest { CoordinationId = opened.CoordinationId }, _svc.Coordinator(party))).Coordination;
            Assert.Equal(decided.BindingDecision.DecisionText, seen.BindingDecision.DecisionText);
            Assert.True(seen.BindingDecision.ReleasePermitted);
        }

        var concluded = await _svc.Events.WaitForAsync<Pb.CoordinationConcluded>(e => e.CoordinationId == opened.CoordinationId);
        Assert.Equal(Pb.CoordinationOutcome.BindingDecision, concluded.Outcome);
        Assert.True(concluded.ReleasePermitted);
        // CO-6: consulting went on until the department decided.
        var ended = await _svc.Events.WaitForAsync<Pb.ConsultationEnded>(e => e.CoordinationId == opened.CoordinationId);
        Assert.Equal(Day(2026, 10, 16), ended.EndedOn);
    }

    [Fact]
    public async Task CO5_a_release_by_an_agency_that_did_not_lead_the_drafting_is_refused()
    {
        var opening = Opening(Concerned(Housing));
        opening.JointDrafting = new Pb.JointDrafting { LeadDraftingAgencyCode = Housing, CoDraftingAgencyCodes = { Releasing } };

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await Client.OpenCoordinationAsync(opening, _svc.Coordinator(Releasing)));
        Assert.Equal("CO-5", RuleOf(refused));

        var check = new Pb.CheckLeadPublisherRequest { Reference = "联合发文-7", Title = "土地整治联合通知", JointDrafting = opening.JointDrafting, ReleasingAgencyCode = Releasing };
        Assert.Equal("CO-5", RuleOf(await Assert.ThrowsAsync<RpcException>(async () => await Client.CheckLeadPublisherAsync(check, _svc.Coordinator(Releasing)))));
        check.ReleasingAgencyCode = Housing;
        Assert.True((await Client.CheckLeadPublisherAsync(check, _svc.Coordinator(Housing))).ReleaseAuthorized);
    }
}
