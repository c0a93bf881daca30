using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Ogi.Coordination.Persistence;
using static Ogi.Coordination.Tests.Functional.Running;
using Pb = Ogi.Contracts.Coordination.V1;

namespace Ogi.Coordination.Tests.Functional;

/// <summary>Third-party consultations through the API (CO-4), inconsistency reports (CO-7), the contract and the schema.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ThirdPartiesAndReportsTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string ThirdPartyName = "固原某建材有限公司";
    private readonly TestClock _clock = new(EveOfNationalDay);
    private ServiceUnderTest<CoordinationDbContext> _svc = null!;

    private Pb.CoordinationService.CoordinationServiceClient Client => _svc.Client();

    // CO-7: Xiji county's supervision, configured because the agency directory holds none.
    public async Task InitializeAsync() => _svc = await StartAsync(postgres, _clock, $"--Coordination:Supervision:{SampleAgencies.Xiji}=11640422MB0000099X");

    public async Task DisposeAsync() => await _svc.DisposeAsync();

    [Fact]
    public async Task CO4_the_public_interest_override_releases_and_produces_the_written_notice_to_the_third_party()
    {
        var started = (await Client.StartThirdPartyConsultationAsync(new Pb.StartThirdPartyConsultationRequest
        {
            AgencyCode = Releasing,
            ItemReference = "固自然资〔2026〕矿-12",
            Title = "采矿权出让收益评估报告",
            ThirdParty = new Pb.ThirdParty { Reference = "tp-9", Name = ThirdPartyName, Interest = Pb.ThirdPartyInterest.CommercialSecret },
            NoticeContent = "本机关拟公开贵公司采矿权出让收益评估报告中的评估结论和出让收益金额",
        }, _svc.Coordinator(Releasing))).Consultation;
        Assert.Equal(Day(2026, 10, 27), started.DueOn); // CO-4: 15 working days from 09-30 across National Day
        var consultationStarted = await _svc.Events.WaitForAsync<Pb.ConsultationStarted>(e => e.CoordinationId == started.ConsultationId);
        Assert.Equal(Day(2026, 9, 30), consultationStarted.StartedOn);
        Assert.Equal("", consultationStarted.ApplicationId);

        _clock.SetDate(new DateOnly(2026, 10, 13));
        var objected = (await Client.RecordThirdPartyAnswerAsync(new Pb.RecordThirdPartyAnswerRequest
        {
            ConsultationId = started.ConsultationId,
            Answer = Pb.ThirdPartyAnswerKind.Objection,
            Reasons = "出让收益金额反映本公司经营成本，属商业秘密",
            AnsweredOn = Day(2026, 10, 12),
        }, _svc.Coordinator(Releasing))).Consultation;
        Assert.Equal(Pb.CoordinationStatus.ObjectionToAssess, objected.Status);
        var ended = await _svc.Events.WaitForAsync<Pb.ConsultationEnded>(e => e.CoordinationId == started.ConsultationId);
        Assert.Equal(Day(2026, 10, 12), ended.EndedOn);

        var clerk = await Assert.ThrowsAsync<RpcException>(async () => await Client.OverrideForPublicInterestAsync(
            new Pb.OverrideForPublicInterestRequest { ConsultationId = started.ConsultationId, InformationReleased = "x", Reasons = "y" },
            _svc.Staff("clerk-1", Releasing, StaffRole.Clerk)));
        Assert.Equal(StatusCode.PermissionDenied, clerk.StatusCode);

        var overridden = (await Client.OverrideForPublicInterestAsync(new Pb.OverrideForPublicInterestRequest
        {
            ConsultationId = started.ConsultationId,
            InformationReleased = "采矿权出让收益评估结论及出让收益金额",
            Reasons = "出让收益属国有资源收益，不公开将损害公众对国有资产处置的监督",
        }, _svc.Staff("head-1", Releasing, StaffRole.OfficeHead))).Consultation;

        Assert.Equal(Pb.CoordinationOutcome.PublicInterestOverride, overridden.Conclusion.Outcome);
        Assert.True(overridden.Conclusion.ReleasePermitted);
        var notice = overridden.Notice;
        Assert.Equal("政府信息公开决定告知书", notice.Title);
        Assert.Equal(ThirdPartyName, notice.Addressee);
        Assert.StartsWith(ThirdPartyName + "：", notice.Text);
        Assert.Contains("第三十二条", notice.Text);
        Assert.Contains("决定公开的政府信息内容：采矿权出让收益评估结论及出让收益金额", notice.Text);
        Assert.Contains("理由：出让收益属国有资源收益", notice.Text);
        Assert.Equal(Day(2026, 10, 13), notice.IssuedOn);

        var concluded = await _svc.Events.WaitForAsync<Pb.CoordinationConcluded>(e => e.CoordinationId == started.ConsultationId);
        Assert.Equal(Pb.CoordinationOutcome.PublicInterestOverride, concluded.Outcome);
        var listed = (await Client.ListThirdPartyConsultationsAsync(new Pb.ListThirdPartyConsultationsRequest
        {
            AgencyCode = Releasing,
            Status = Pb.CoordinationStatus.Concluded,
        }, _svc.Coordinator(Releasing))).Consultations;
        Assert.Equal(notice, Assert.Single(listed).Notice);
        // The third party appears in events only by its reference.
        Assert.DoesNotContain(_svc.Events.Received, e => Encoding.UTF8.GetString(e.Data.Span).Contains(ThirdPartyName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CO7_an_agency_reports_another_agencys_inconsistent_publication_to_supervision_and_accountability_hears_of_it()
    {
        var report = (await Client.ReportInconsistencyAsync(new Pb.ReportInconsistencyRequest
        {
            Publications = { new Pb.PublishedInformation { AgencyCode = Health, Location = "隆德县政府网站 2026-09-12 公示" } },
            Description = "公示的项目资金数额与本局掌握的批复金额不一致",
            Route = Pb.InconsistencyRoute.Supervision,
        }, _svc.Coordinator(Housing))).Report;

        Assert.Equal(Pb.ReporterKind.Agency, report.Reporter);
        Assert.Equal("11640422MB0000099X", report.RoutedToCode); // found on Xiji county, the reporting bureau's government
        var reported = await _svc.Events.WaitForAsync<Pb.InconsistencyReported>(e => e.ReportId == report.ReportId, Topics.Coordination);
        Assert.Equal(Housing, reported.AgencyCode);
        Assert.Equal([Health], reported.PublishingAgencies);
        Assert.Equal("11640422MB0000099X", reported.RoutedToCode);
        Assert.Equal(Day(2026, 9, 30), reported.ReportedOn);
    }

    [Fact]
    public async Task CO7_a_public_report_goes_to_the_competent_department_which_lists_it()
    {
        var report = (await Client.ReportInconsistencyAsync(new Pb.ReportInconsistencyRequest
        {
            Publications =
            {
                new Pb.PublishedInformation { AgencyCode = Housing, Location = "西吉县住建局网站 第12号公告" },
                new Pb.PublishedInformation { AgencyCode = Health, Location = "隆德县卫健局网站 第3号公告" },
            },
            Description = "两机关公布的同一项目竣工日期不一致",
            Route = Pb.InconsistencyRoute.CompetentDepartment,
        }, _svc.Platform())).Report;

        Assert.Equal(Pb.ReporterKind.Public, report.Reporter);
        Assert.Equal("", report.ReportingAgencyCode);
        Assert.Equal(SampleAgencies.XijiGeneralOffice, report.RoutedToCode); // the competent department of the first agency questioned

        var listed = (await Client.ListInconsistencyReportsAsync(new Pb.ListInconsistencyReportsRequest { RoutedToCode = SampleAgencies.XijiGeneralOffice },
            _svc.Staff("admin-x", SampleAgencies.XijiGeneralOffice, StaffRole.CompetentDepartmentAdministrator))).Reports;
        Assert.Equal(report, Assert.Single(listed));

        var toSupervision = await Assert.ThrowsAsync<RpcException>(async () => await Client.ReportInconsistencyAsync(new Pb.ReportInconsistencyRequest
        {
            Publications = { report.Publications },
            Description = report.Description,
            Route = Pb.InconsistencyRoute.Supervision,
        }, _svc.Platform()));
        Assert.Equal("route", FieldOf(toSupervision)); // CO-7: the public reports to the competent department
    }

    [Fact]
    public void Every_rpc_declares_who_may_call_it() =>
        AccessDeclarationAssert.EveryRpcDeclaresAccess(Pb.CoordinationService.Descriptor);

    [Fact]
    public async Task The_migrated_schema_matches_the_model()
    {
        await using var scope = _svc.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();

        Assert.Empty(await SchemaConformance.DifferencesAsync(db));
    }
}
