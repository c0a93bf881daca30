using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Ogi.Contracts.Intake.V1;
using Ogi.Coordination.Persistence;
using Ogi.Intake;
using Ogi.Intake.Persistence;
using Pb = Ogi.Contracts.Coordination.V1;

namespace Ogi.Coordination.Tests.Functional;

/// <summary>
/// CO-6 across two running services on one clock: intake asks coordination to consult a third party, coordination's
/// consultation start and end stop and restart intake's clock, and the reply deadline moves by exactly the working
/// days spent consulting. Events travel both ways through each service's AppCallback, as the relays deliver them.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class AcrossIntakeTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly TestClock _clock = new(new DateOnly(2026, 3, 2));
    private ServiceUnderTest<IntakeDbContext> _intake = null!;
    private ServiceUnderTest<CoordinationDbContext> _coordination = null!;

    public async Task InitializeAsync()
    {
        _intake = await ServiceUnderTest.StartAsync<IntakeDbContext>(postgres, ServiceIdentity.Intake, IntakeHost.Configure, IntakeHost.Map,
            settings: ["--Intake:ApplicantKeySecret=across-services-test-applicant-key-0123456789"], services: s => s.AddSingleton<TimeProvider>(_clock));
        _coordination = await Running.StartAsync(postgres, _clock);
    }

    public async Task DisposeAsync()
    {
        await _intake.DisposeAsync();
        await _coordination.DisposeAsync();
    }

    [Fact]
    public async Task CO6_intakes_reply_deadline_moves_by_exactly_the_working_days_spent_consulting_a_third_party()
    {
        var intake = new IntakeService.IntakeServiceClient(_intake.Channel);
        var clerk = _intake.Staff("clerk-1", Running.Releasing, StaffRole.Clerk);
        var application = (await intake.SubmitApplicationAsync(new SubmitApplicationRequest
        {
            RequestId = "across-1",
            AgencyCode = Running.Releasing,
            Applicant = new Applicant
            {
                Type = ApplicantType.BusinessEnterprise,
                Name = "宁夏某建材有限公司",
                DocumentType = IdentityDocumentType.UnifiedSocialCreditCode,
                DocumentNumber = SampleAgencies.Xiji,
                Email = "office@example.com.cn",
            },
            Request = new RequestDetails
            {
                Kind = ApplicationKind.Disclosure,
                Description = "2025年砂石采矿权出让结果及相关评估报告",
                Form = RequestedForm.Electronic,
                Delivery = DeliveryChannel.Email,
                Channel = SubmissionChannel.InPerson,
            },
        }, _intake.Platform())).Application;
        // Received Monday 2026-03-02 in person: 20 working days end on Monday 03-30.
        Assert.Equal(new Google.Type.Date { Year = 2026, Month = 3, Day = 30 }, application.Deadline.Deadline);

        // Monday 03-09: the evaluation report concerns a company's commercial secrets; intake asks coordination.
        _clock.SetDate(new DateOnly(2026, 3, 9));
        await intake.AttachDocumentsAsync(new AttachDocumentsRequest
        {
            ApplicationId = application.ApplicationId,
            Documents =
            {
                new ReleaseDocumentInput
                {
                    DocumentId = "doc-1",
                    Title = "采矿权出让评估报告",
                    Text = "评估对象：某砂石矿采矿权。评估价值：人民币1200万元。",
                    ThirdParties = { new ConcernedThirdParty { Reference = "tp-1", Name = "宁夏某矿业有限公司", Interest = Pb.ThirdPartyInterest.CommercialSecret } },
                },
            },
        }, clerk);
        var requested = await _intake.Events.WaitForAsync<Pb.CoordinationRequested>(r => r.ApplicationId == application.ApplicationId, Topics.Intake);
        await _coordination.DeliverAsync(Topics.Intake, requested);
        var started = await _coordination.Events.WaitForAsync<Pb.ConsultationStarted>(e => e.ApplicationId == application.ApplicationId, Topics.Coordination);
        await _intake.DeliverAsync(Topics.Coordination, started);
        Assert.True((await intake.GetApplicationAsync(new GetApplicationRequest { ApplicationId = application.ApplicationId }, clerk)).Application.Deadline.Paused);

        // Friday 03-13: the third party consents in writing; the consultation ends and intake's clock runs again.
        _clock.SetDate(new DateOnly(2026, 3, 13));
        var coordination = _coordination.Client();
        var consultation = (await coordination.ListThirdPartyConsultationsAsync(new Pb.ListThirdPartyConsultationsRequest { AgencyCode = Running.Releasing },
            _coordination.Coordinator(Running.Releasing))).Consultations.Single(c => c.ApplicationId == application.ApplicationId);
        await coordination.RecordThirdPartyAnswerAsync(new Pb.RecordThirdPartyAnswerRequest
        {
            ConsultationId = consultation.ConsultationId,
            Answer = Pb.ThirdPartyAnswerKind.Consent,
        }, _coordination.Coordinator(Running.Releasing));
        var ended = await _coordination.Events.WaitForAsync<Pb.ConsultationEnded>(e => e.ApplicationId == application.ApplicationId, Topics.Coordination);
        await _intake.DeliverAsync(Topics.Coordination, ended);

        var resumed = (await intake.GetApplicationAsync(new GetApplicationRequest { ApplicationId = application.ApplicationId }, clerk)).Application;
        Assert.Equal(started.StartedOn, new Google.Type.Date { Year = 2026, Month = 3, Day = 9 });
        Assert.Equal(ended.EndedOn, new Google.Type.Date { Year = 2026, Month = 3, Day = 13 });
        Assert.False(resumed.Deadline.Paused);
        // 03-10 … 03-13 were spent consulting: four working days, so 03-30 becomes Friday 04-03.
        Assert.Equal(new Google.Type.Date { Year = 2026, Month = 4, Day = 3 }, resumed.Deadline.Deadline);
    }
}
