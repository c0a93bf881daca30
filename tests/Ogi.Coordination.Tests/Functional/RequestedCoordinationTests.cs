using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Ogi.Coordination.Persistence;
using static Ogi.Coordination.Tests.Functional.Running;
using Pb = Ogi.Contracts.Coordination.V1;
using static Dapr.Proto.Runtime.V1.TopicEventResponse.Types;

namespace Ogi.Coordination.Tests.Functional;

/// <summary>Coordinations requested by intake's event, their periods, and the lapse job closing them by the rule that applies.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class RequestedCoordinationTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly TestClock _clock = new(EveOfNationalDay);
    private ServiceUnderTest<CoordinationDbContext> _svc = null!;

    public async Task InitializeAsync() => _svc = await StartAsync(postgres, _clock);

    public async Task DisposeAsync() => await _svc.DisposeAsync();

    [Fact]
    public async Task CO1_CO2_CO6_a_request_sends_each_agency_a_letter_due_after_National_Day_and_tells_intake_the_day_its_clock_stops()
    {
        var request = FromIntake("req-co1", "app-co1", Concerned(Housing), Concerned(Health));

        Assert.Equal(TopicEventResponseStatus.Success, await _svc.DeliverAsync(Topics.Intake, request));

        var started = await _svc.Events.WaitForAsync<Pb.ConsultationStarted>(e => e.ApplicationId == "app-co1", Topics.Coordination);
        Assert.Equal(Day(2026, 9, 30), started.StartedOn);
        Assert.Equal("app-co1/doc-1", started.ItemReference);
        Assert.Equal(Pb.ItemSource.Application, started.Source);
        Assert.Equal(Releasing, started.AgencyCode);

        var coordination = (await _svc.Client().GetCoordinationAsync(new Pb.GetCoordinationRequest { CoordinationId = started.CoordinationId },
            _svc.Coordinator(Releasing))).Coordination;
        Assert.Equal(request.DraftText, coordination.FullDraft);
        Assert.Equal("req-co1", coordination.RequestId);
        Assert.Equal([Housing, Health], coordination.Letters.Select(l => l.Agency.AgencyCode));
        // CO-2: 10 working days from 09-30 skip 10-01…10-07 and count Saturday 10-10 (调休): due 10-20, not 10-14.
        Assert.All(coordination.Letters, l => Assert.Equal(Day(2026, 10, 20), l.DueOn));
        Assert.All(coordination.Letters, l => Assert.Equal(Pb.LetterKind.Ordinary, l.LetterKind));
        Assert.All(coordination.Letters, l => Assert.False(l.Provisional));

        var queue = (await _svc.Client().ListLetterQueueAsync(new Pb.ListLetterQueueRequest { AgencyCode = Housing }, _svc.Coordinator(Housing))).Letters;
        var queued = Assert.Single(queue, q => q.CoordinationId == started.CoordinationId);
        Assert.Equal(Day(2026, 10, 20), queued.DueOn);
        Assert.Equal(10, queued.WorkingDaysLeft);
    }

    [Fact]
    public async Task CO1_the_same_request_published_again_opens_nothing_new()
    {
        var request = FromIntake("req-twice", "app-twice", Concerned(Housing));

        await _svc.DeliverAsync(Topics.Intake, request);
        await _svc.DeliverAsync(Topics.Intake, request); // a new event id: only the request id says it is the same

        await _svc.Events.WaitForAsync<Pb.ConsultationStarted>(e => e.ApplicationId == "app-twice");
        await using var scope = _svc.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        Assert.Equal(1, await db.Coordinations.CountAsync(c => c.RequestId == "req-twice"));
    }

    [Fact]
    public async Task CO2_an_urgent_request_gives_one_working_day_which_after_National_Day_is_10_08()
    {
        var request = FromIntake("req-urgent", "app-urgent", Concerned(Health));
        request.Urgent = true;

        await _svc.DeliverAsync(Topics.SecrecyReview, request);

        var started = await _svc.Events.WaitForAsync<Pb.ConsultationStarted>(e => e.ApplicationId == "app-urgent");
        var letter = (await _svc.Client().GetCoordinationAsync(new Pb.GetCoordinationRequest { CoordinationId = started.CoordinationId },
            _svc.Coordinator(Health))).Coordination.Letters.Single();
        Assert.Equal(Pb.LetterKind.Urgent, letter.LetterKind);
        Assert.Equal(Day(2026, 10, 8), letter.DueOn);
    }

    [Fact]
    public async Task CO2_Reg34_silence_of_a_co_producer_counts_as_consent_when_the_lapse_job_runs()
    {
        await _svc.DeliverAsync(Topics.Intake, FromIntake("req-reg34", "app-reg34", Concerned(Housing, Pb.ConcernGround.JointProduction)));
        var started = await _svc.Events.WaitForAsync<Pb.ConsultationStarted>(e => e.ApplicationId == "app-reg34");

        _clock.SetDate(new DateOnly(2026, 10, 27)); // the due day itself: nothing lapses yet
        await RunLapseJobAsync();
        Assert.DoesNotContain(_svc.Events.All<Pb.LetterLapsed>(), e => e.CoordinationId == started.CoordinationId);

        _clock.SetDate(new DateOnly(2026, 10, 28));
        var lapsed = await _svc.Events.WaitForAsync<Pb.LetterLapsed>(e => e.CoordinationId == started.CoordinationId, Topics.Coordination);
        Assert.True(lapsed.DeemedConsent);
        Assert.Equal(Pb.LetterKind.CoProduced, lapsed.LetterKind);
        Assert.Equal(Housing, lapsed.SilentAgencyCode);
        Assert.Equal(Day(2026, 10, 27), lapsed.DueOn); // Reg. 34: 15 working days from 09-30

        // CO-6: the clock restarts after the due day, whenever the job noticed.
        var ended = await _svc.Events.WaitForAsync<Pb.ConsultationEnded>(e => e.CoordinationId == started.CoordinationId);
        Assert.Equal(Day(2026, 10, 27), ended.EndedOn);
        Assert.Equal("app-reg34", ended.ApplicationId);

        var concluded = await _svc.Events.WaitForAsync<Pb.CoordinationConcluded>(e => e.CoordinationId == started.CoordinationId);
        Assert.Equal(Pb.CoordinationOutcome.Consent, concluded.Outcome);
        Assert.True(concluded.ReleasePermitted);
        Assert.Equal("req-reg34", concluded.RequestId);
        Assert.Equal("app-reg34", concluded.ApplicationId);
        Assert.Equal("app-reg34/doc-1", concluded.ItemReference);
    }

    [Fact]
    public async Task CO2_silence_on_an_ordinary_letter_is_not_consent_the_releasing_agency_decides()
    {
        await _svc.DeliverAsync(Topics.Intake, FromIntake("req-silent", "app-silent", Concerned(Health)));
        var started = await _svc.Events.WaitForAsync<Pb.ConsultationStarted>(e => e.ApplicationId == "app-silent");

        _clock.SetDate(new DateOnly(2026, 10, 21));
        var lapsed = await _svc.Events.WaitForAsync<Pb.LetterLapsed>(e => e.CoordinationId == started.CoordinationId);
        Assert.False(lapsed.DeemedConsent);
        Assert.DoesNotContain(_svc.Events.All<Pb.CoordinationConcluded>(), e => e.CoordinationId == started.CoordinationId);

        var decided = await _svc.Client().DecideAfterSilenceAsync(new Pb.DecideAfterSilenceRequest
        {
            CoordinationId = started.CoordinationId,
            Release = true,
            Reasons = "隆德县卫生健康局逾期未复，经本局研究决定发布",
        }, _svc.Staff("head-1", Releasing, BuildingBlocks.Identity.Principals.StaffRole.OfficeHead));
        Assert.Equal(Pb.CoordinationStatus.Concluded, decided.Coordination.Status);
        var concluded = await _svc.Events.WaitForAsync<Pb.CoordinationConcluded>(e => e.CoordinationId == started.CoordinationId);
        Assert.Equal(Pb.CoordinationOutcome.AgencyDecision, concluded.Outcome);
        Assert.Equal(Day(2026, 10, 21), concluded.ConcludedOn);
    }

    [Fact]
    public async Task CO4_a_third_partys_silence_leaves_the_decision_to_the_agency()
    {
        var request = FromIntake("req-third", "app-third");
        request.ThirdParties.Add(new Pb.ThirdParty { Reference = "tp-41", Name = "固原某建材有限公司", Interest = Pb.ThirdPartyInterest.CommercialSecret });
        await _svc.DeliverAsync(Topics.Intake, request);
        var started = await _svc.Events.WaitForAsync<Pb.ConsultationStarted>(e => e.ApplicationId == "app-third");

        _clock.SetDate(new DateOnly(2026, 10, 28));
        var lapsed = await _svc.Events.WaitForAsync<Pb.LetterLapsed>(e => e.CoordinationId == started.CoordinationId);
        Assert.Equal(Pb.LetterKind.ThirdParty, lapsed.LetterKind);
        Assert.Equal("tp-41", lapsed.ThirdPartyReference);
        Assert.False(lapsed.DeemedConsent); // CO-4: silence is not consent; the agency decides
        Assert.Equal(Day(2026, 10, 27), lapsed.DueOn);
        var ended = await _svc.Events.WaitForAsync<Pb.ConsultationEnded>(e => e.CoordinationId == started.CoordinationId);
        Assert.Equal(Day(2026, 10, 27), ended.EndedOn);
        Assert.Equal("app-third", ended.ApplicationId);

        var client = _svc.Client();
        var consultation = (await client.GetThirdPartyConsultationAsync(new Pb.GetThirdPartyConsultationRequest { ConsultationId = started.CoordinationId },
            _svc.Coordinator(Releasing))).Consultation;
        Assert.Equal(Pb.CoordinationStatus.AwaitingAgencyDecision, consultation.Status);
        Assert.True(consultation.Lapsed);
        Assert.Equal(request.DraftText, consultation.NoticeContent);

        await client.DecideThirdPartyConsultationAsync(new Pb.DecideThirdPartyConsultationRequest
        {
            ConsultationId = started.CoordinationId,
            Decision = Pb.ThirdPartyDecision.AfterSilence,
            Release = false,
            Reasons = "涉及商业秘密，第三方逾期未提出意见，本机关决定不予公开",
        }, _svc.Staff("head-1", Releasing, BuildingBlocks.Identity.Principals.StaffRole.OfficeHead));
        var concluded = await _svc.Events.WaitForAsync<Pb.CoordinationConcluded>(e => e.CoordinationId == started.CoordinationId);
        Assert.Equal(Pb.CoordinationOutcome.AgencyDecision, concluded.Outcome);
        Assert.False(concluded.ReleasePermitted);
        Assert.Equal("req-third", concluded.RequestId);
    }

    [Fact]
    public async Task The_lapse_job_run_by_several_replicas_at_once_closes_each_letter_once()
    {
        for (var i = 0; i < 5; i++)
        {
            await _svc.DeliverAsync(Topics.Intake, FromIntake($"req-replicas-{i}", $"app-replicas-{i}", Concerned(Housing), Concerned(Health)));
        }

        var ids = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await _svc.Events.WaitForAsync<Pb.ConsultationStarted>(e => e.ApplicationId == $"app-replicas-{i}")).CoordinationId);
        }

        _clock.SetDate(new DateOnly(2026, 10, 21));
        var job = _svc.Services.GetRequiredService<Application.LapsedLetterJob>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => job.RunOnceAsync(CancellationToken.None)))); // with the hosted loop: five replicas

        foreach (var id in ids)
        {
            await _svc.Events.WaitForAsync<Pb.ConsultationEnded>(e => e.CoordinationId == id);
        }

        await Task.Delay(1000); // time for a duplicate to arrive, had any replica closed a letter twice
        var lapsed = _svc.Events.All<Pb.LetterLapsed>().Where(e => ids.Contains(e.CoordinationId)).ToList();
        Assert.Equal(10, lapsed.Count);
        Assert.Equal(10, lapsed.Select(e => (e.CoordinationId, e.SilentAgencyCode)).Distinct().Count());
        Assert.Equal(5, _svc.Events.All<Pb.ConsultationEnded>().Count(e => ids.Contains(e.CoordinationId)));
    }

    [Fact]
    public async Task A_request_naming_nobody_to_consult_is_not_acknowledged_so_it_is_retried_then_dead_lettered()
    {
        var status = await _svc.DeliverAsync(Topics.Intake, FromIntake("req-empty", "app-empty"));

        Assert.Equal(TopicEventResponseStatus.Retry, status);
    }

    private async Task RunLapseJobAsync()
    {
        await _svc.Services.GetRequiredService<Application.LapsedLetterJob>().RunOnceAsync(CancellationToken.None);
        await Task.Delay(300); // let anything it published reach the probe
    }
}
