using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ogi.Assessment.Domain.AnnualReport;
using Ogi.Assessment.Persistence;
using Ogi.Assessment.ReadModel;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Accountability = Ogi.Contracts.Accountability.V1;
using Coordination = Ogi.Contracts.Coordination.V1;
using Intake = Ogi.Contracts.Intake.V1;
using Pb = Ogi.Contracts.Assessment.V1;
using Review = Ogi.Contracts.Review.V1;

namespace Ogi.Assessment.Tests.Service;

/// <summary>
/// The measured indicators (AS-4) and the annual report (AS-8) of 固原市自然资源局, fed a scripted year of intake,
/// secrecy-review, coordination and accountability events through the running service's AppCallback.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class AnnualReportServiceTests(PostgresFixture postgres, SharedService shared) : IAsyncLifetime, IClassFixture<SharedService>
{
    private const string Agency = SampleAgencies.CityNaturalResources;
    private static readonly TestClock Clock = new(new DateOnly(2027, 1, 20));
    private ServiceUnderTest<AssessmentDbContext> _svc = null!;
    private Pb.AssessmentService.AssessmentServiceClient _client = null!;

    public async Task InitializeAsync()
    {
        _svc = await shared.GetAsync(async () =>
        {
            _svc = await Rpc.StartAsync(postgres, Clock);
            await ScriptedYearAsync();
            return _svc;
        });
        _client = new Pb.AssessmentService.AssessmentServiceClient(_svc.Channel);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly Intake.ApplicantType NP = Intake.ApplicantType.NaturalPerson;
    private static readonly Intake.ApplicantType CE = Intake.ApplicantType.BusinessEnterprise;

    /// <summary>The applications of the scripted year: received, and replied (outcome, reason, day, late) or not.</summary>
    private static readonly (string Id, Intake.ApplicantType Type, DateOnly Received, (Intake.ReplyOutcome Outcome, Intake.OutcomeReason Reason, DateOnly On, bool Late)? Reply)[] Script =
    [
        // Carried over from 2025: c1 and c2 replied in 2026, c4 still open; c3 closed in 2025 (not in the 2026 table).
        ("c1", NP, new(2025, 12, 20), (Intake.ReplyOutcome.Disclosed, Intake.OutcomeReason.Unspecified, new(2026, 1, 10), false)),
        ("c2", CE, new(2025, 12, 28), (Intake.ReplyOutcome.NotDisclosed, Intake.OutcomeReason.StateSecret, new(2026, 1, 15), false)),
        ("c3", NP, new(2025, 11, 1), (Intake.ReplyOutcome.Disclosed, Intake.OutcomeReason.Unspecified, new(2025, 11, 20), false)),
        ("c4", Intake.ApplicantType.ResearchInstitution, new(2025, 12, 30), null),
        // New in 2026.
        ("n1", NP, new(2026, 2, 10), (Intake.ReplyOutcome.Disclosed, Intake.OutcomeReason.Unspecified, new(2026, 3, 1), false)),
        ("n2", NP, new(2026, 3, 5), (Intake.ReplyOutcome.PartiallyDisclosed, Intake.OutcomeReason.Unspecified, new(2026, 3, 20), false)),
        ("n3", Intake.ApplicantType.PublicWelfareOrganisation, new(2026, 4, 1), (Intake.ReplyOutcome.CannotProvide, Intake.OutcomeReason.NotHeld, new(2026, 4, 20), false)),
        ("n4", Intake.ApplicantType.LegalServiceOrganisation, new(2026, 5, 6), (Intake.ReplyOutcome.NotProcessed, Intake.OutcomeReason.Repeated, new(2026, 5, 30), true)),
        ("n5", Intake.ApplicantType.OtherOrganisation, new(2026, 6, 1), (Intake.ReplyOutcome.Other, Intake.OutcomeReason.CorrectionOverdue, new(2026, 6, 10), false)),
        ("n6", NP, new(2026, 7, 1), (Intake.ReplyOutcome.NotDisclosed, Intake.OutcomeReason.ThirdPartyRights, new(2026, 7, 15), true)),
        ("n7", NP, new(2026, 12, 20), null),
        ("n8", CE, new(2026, 12, 25), (Intake.ReplyOutcome.Disclosed, Intake.OutcomeReason.Unspecified, new(2027, 1, 5), false)),
        ("n9", NP, new(2026, 8, 1), (Intake.ReplyOutcome.Disclosed, Intake.OutcomeReason.Unspecified, new(2026, 8, 10), false)),
        // Received in 2027: not in the 2026 table.
        ("x1", NP, new(2027, 1, 3), null),
    ];

    private static Guid IdOf(string name) => new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name))[..16]);

    private static string Tracking(string name) => $"GYZRZY-{name}";

    private async Task ScriptedYearAsync()
    {
        foreach (var (name, type, received, reply) in Script)
        {
            var registered = new Intake.ApplicationRegistered
            {
                ApplicationId = IdOf(name).ToString(),
                AgencyCode = Agency,
                TrackingNumber = Tracking(name),
                ApplicantType = type,
                ReceivedOn = Date(received),
                Deadline = Date(received.AddDays(28)),
            };
            ReplyIssuedEvent(name, type, received, reply, out var replied);
            if (name == "c2")
            {
                // The reply overtakes the registration: the application is still counted once.
                await DeliverOkAsync(Topics.Intake, replied!);
                await DeliverOkAsync(Topics.Intake, registered);
                continue;
            }

            await DeliverOkAsync(Topics.Intake, registered);
            if (name == "c1")
            {
                // The same registration published again (a new event id): counted once by the application's own key.
                await DeliverOkAsync(Topics.Intake, registered);
            }

            if (replied is not null)
            {
                var eventId = Guid.NewGuid();
                await DeliverOkAsync(Topics.Intake, replied, eventId);
                if (name == "c1")
                {
                    await DeliverOkAsync(Topics.Intake, replied, eventId); // a redelivery: the inbox skips it
                }
            }
        }

        // A reply of another agency must not count here.
        await DeliverOkAsync(Topics.Intake, new Intake.ReplyIssued
        {
            ApplicationId = Guid.NewGuid().ToString(),
            AgencyCode = SampleAgencies.XijiHousing,
            TrackingNumber = "XJZJ-1",
            ApplicantType = NP,
            Outcome = Intake.ReplyOutcome.Disclosed,
            ReceivedOn = Date(new(2026, 3, 1)),
            RepliedOn = Date(new(2026, 3, 9)),
        });
        await DeliverOkAsync(Topics.Intake, new Intake.DeadlineBreached
        {
            ApplicationId = IdOf("c4").ToString(),
            AgencyCode = Agency,
            TrackingNumber = Tracking("c4"),
            Deadline = Date(new(2026, 1, 27)),
            DetectedOn = Date(new(2026, 1, 28)),
        });
        await DeliverOkAsync(Topics.Intake, new Intake.ApplicationSuspended
        {
            ApplicationId = IdOf("n7").ToString(),
            AgencyCode = Agency,
            Kind = Intake.ClockStopKind.Consultation,
            StoppedOn = Date(new(2026, 12, 22)),
        });

        await DeliverOkAsync(Topics.SecrecyReview, Release("r1", proactive: true, reviewed: true, within: true));
        await DeliverOkAsync(Topics.SecrecyReview, Release("r2", proactive: false, reviewed: false, within: false));
        await DeliverOkAsync(Topics.SecrecyReview, Release("r3", proactive: true, reviewed: true, within: false));
        await DeliverOkAsync(Topics.Coordination, new Coordination.LetterAnswered
        {
            CoordinationId = "co-1",
            AgencyCode = SampleAgencies.CityGeneralOffice,
            AnsweringAgencyCode = Agency,
            DueOn = Date(new(2026, 5, 10)),
            AnsweredOn = Date(new(2026, 5, 8)),
            OnTime = true,
        });
        await DeliverOkAsync(Topics.Coordination, new Coordination.LetterLapsed
        {
            CoordinationId = "co-2",
            AgencyCode = SampleAgencies.CityGeneralOffice,
            SilentAgencyCode = Agency,
            DueOn = Date(new(2026, 9, 10)),
        });
        await DeliverOkAsync(Topics.Accountability, new Accountability.ComplaintAnswered
        {
            CaseId = "ts-1",
            AgencyCode = Agency,
            Accepted = true,
            ReceivedOn = Date(new(2026, 6, 1)),
            DueOn = Date(new(2026, 6, 15)),
            AnsweredOn = Date(new(2026, 6, 18)),
            OnTime = false,
        });
        await DeliverOkAsync(Topics.Accountability, new Accountability.AccountabilityDecided
        {
            CaseId = "ac-1",
            Unit = new Accountability.Unit { AgencyCode = Agency, Name = "固原市自然资源局" },
            HandlingAgencyCode = SampleAgencies.CityGeneralOffice,
            DecidedOn = Date(new(2026, 10, 9)),
            OccurredOn = Date(new(2026, 7, 15)),
        });
    }

    private static void ReplyIssuedEvent(string name, Intake.ApplicantType type, DateOnly received,
        (Intake.ReplyOutcome Outcome, Intake.OutcomeReason Reason, DateOnly On, bool Late)? reply, out Intake.ReplyIssued? replied) =>
        replied = reply is not { } r ? null : new Intake.ReplyIssued
        {
            ApplicationId = IdOf(name).ToString(),
            AgencyCode = Agency,
            TrackingNumber = Tracking(name),
            ApplicantType = type,
            Outcome = r.Outcome,
            Reason = r.Reason,
            LegalBasis = "《条例》第三十六条",
            ReceivedOn = Date(received),
            Deadline = Date(received.AddDays(28)),
            RepliedOn = Date(r.On),
            Late = r.Late,
        };

    private static Review.ReleaseRecorded Release(string item, bool proactive, bool reviewed, bool within) => new()
    {
        ItemId = item,
        AgencyCode = Agency,
        Reviewed = reviewed,
        ReleasedOn = Date(new(2026, 4, 2)),
        Source = proactive ? Review.ItemSource.ProactivePublication : Review.ItemSource.ApplicationDocument,
        PublicationDeadline = proactive ? Date(new(2026, 3, 30)) : null,
        WithinPeriod = within,
    };

    private async Task DeliverOkAsync(string topic, Google.Protobuf.IMessage message, Guid? eventId = null) =>
        Assert.Equal(Dapr.Proto.Runtime.V1.TopicEventResponse.Types.TopicEventResponseStatus.Success, await _svc.DeliverAsync(topic, message, eventId));

    private static Google.Type.Date Date(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    private Task<Pb.AnnualReport> ReportAsync(int year) =>
        _client.GetAnnualReportAsync(new Pb.GetAnnualReportRequest { AgencyCode = Agency, Year = year }, People.UnitClerk(_svc, Agency))
            .ResponseAsync.ContinueWith(t => t.Result.Report, TaskScheduler.Default);

    private static long[] Row(Pb.AnnualReport report, Table3Row row) => [.. report.Applications.Rows[row.Index].Counts];

    [Fact]
    public async Task AS8_table_three_of_the_scripted_year_equals_the_counts_worked_out_by_hand_and_the_check_holds()
    {
        var report = await ReportAsync(2026);
        //                                                          自然人 商业 科研 公益 法律 其他 总计
        Assert.Equal([5, 1, 0, 1, 1, 1, 9], Row(report, Table3Layout.NewThisYear));
        Assert.Equal([1, 1, 1, 0, 0, 0, 3], Row(report, Table3Layout.CarriedOver)); // c1, c2, c4: once each
        Assert.Equal([3, 0, 0, 0, 0, 0, 3], Row(report, Table3Layout.Disclosed)); // c1, n1, n9
        Assert.Equal([1, 0, 0, 0, 0, 0, 1], Row(report, Table3Layout.PartiallyDisclosed)); // n2
        Assert.Equal([0, 1, 0, 0, 0, 0, 1], Row(report, Table3Layout.RowFor(OutcomeReason.StateSecret))); // c2
        Assert.Equal([1, 0, 0, 0, 0, 0, 1], Row(report, Table3Layout.RowFor(OutcomeReason.ThirdPartyRights))); // n6
        Assert.Equal([0, 0, 0, 1, 0, 0, 1], Row(report, Table3Layout.RowFor(OutcomeReason.NotHeld))); // n3
        Assert.Equal([0, 0, 0, 0, 1, 0, 1], Row(report, Table3Layout.RowFor(OutcomeReason.Repeated))); // n4
        Assert.Equal([0, 0, 0, 0, 0, 1, 1], Row(report, Table3Layout.RowFor(OutcomeReason.CorrectionNotSupplied))); // n5
        Assert.Equal([5, 1, 0, 1, 1, 1, 9], Row(report, Table3Layout.Total));
        Assert.Equal([1, 1, 1, 0, 0, 0, 3], Row(report, Table3Layout.CarriedForward)); // n7, n8 (replied 2027), c4
        var otherOutcomeRows = Table3Layout.ReasonRows.Except([Table3Layout.RowFor(OutcomeReason.StateSecret), Table3Layout.RowFor(OutcomeReason.ThirdPartyRights),
            Table3Layout.RowFor(OutcomeReason.NotHeld), Table3Layout.RowFor(OutcomeReason.Repeated), Table3Layout.RowFor(OutcomeReason.CorrectionNotSupplied)]);
        Assert.All(otherOutcomeRows, r => Assert.All(Row(report, r), n => Assert.Equal(0, n)));
        Assert.Empty(report.Discrepancies); // 一 + 二 = 三（七） + 四, in every column

        // The year before: c1–c4 received, c3 replied; three carried forward into 2026.
        var before = await ReportAsync(2025);
        Assert.Equal([2, 1, 1, 0, 0, 0, 4], Row(before, Table3Layout.NewThisYear));
        Assert.Equal([1, 0, 0, 0, 0, 0, 1], Row(before, Table3Layout.Total));
        Assert.Equal([1, 1, 1, 0, 0, 0, 3], Row(before, Table3Layout.CarriedForward));
    }

    [Fact]
    public async Task AS8_the_handlers_counts_agree_with_table_three_built_from_each_application()
    {
        await using var scope = _svc.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
        var facts = await db.ApplicationFacts.AsNoTracking().Where(f => f.AgencyCode == Agency).ToListAsync();
        foreach (var year in new[] { 2025, 2026, 2027 })
        {
            var fromFacts = Table3Builder.Build(year, facts.Select(f => new ApplicationFact(f.ApplicationId, (ApplicantType)f.ApplicantType, f.ReceivedOn!.Value,
                f.RepliedOn, f.OutcomeRow is { } r ? OutcomeOf(r).Outcome : null, f.OutcomeRow is { } s ? OutcomeOf(s).Reason : null)));
            var fromCounts = await Table3Query.ComputeAsync(db, Agency, year, CancellationToken.None);
            Assert.Equal(fromFacts.Cells(), fromCounts.Cells());
        }

        // The operator's rebuild from the application rows gives the counts the handlers kept.
        var kept = await Table3Query.ComputeAsync(db, Agency, 2026, CancellationToken.None);
        await Table3Query.RebuildCountsAsync(db, CancellationToken.None);
        Assert.Equal(kept.Cells(), (await Table3Query.ComputeAsync(db, Agency, 2026, CancellationToken.None)).Cells());
    }

    private static (ReplyOutcome Outcome, OutcomeReason? Reason) OutcomeOf(short row) =>
        row == Table3Layout.Disclosed.Index ? (ReplyOutcome.Disclosed, null)
        : row == Table3Layout.PartiallyDisclosed.Index ? (ReplyOutcome.PartiallyDisclosed, null)
        : (((OutcomeReason)(row - Table3Layout.ReasonRows[0].Index)).Outcome(), (OutcomeReason)(row - Table3Layout.ReasonRows[0].Index));

    [Fact]
    public async Task AS8_publication_is_refused_naming_the_cell_that_breaks_the_check_and_the_published_report_renders()
    {
        var head = People.UnitHead(_svc, Agency);
        await Rpc.RefusedAsync(() => _client.PublishAnnualReportAsync(new Pb.PublishAnnualReportRequest { AgencyCode = Agency, Year = 2026 }, head),
            StatusCode.FailedPrecondition, "AS-8"); // no text, no table 二 yet

        await _client.WriteReportTextAsync(new Pb.WriteReportTextRequest
        {
            AgencyCode = Agency,
            Year = 2026,
            Text = new Pb.ReportText { GeneralSituation = "2026年，本局坚持以公开为常态。", ProblemsAndImprovements = "栏目更新不够及时，已建立月度检查制度。", OtherMatters = "本年度未收取信息处理费。" },
        }, People.UnitClerk(_svc, Agency));
        await _client.EnterProactiveDisclosureAsync(new Pb.EnterProactiveDisclosureRequest
        {
            AgencyCode = Agency,
            Year = 2026,
            Figures = new Pb.Table2
            {
                Rules = new Pb.IssuanceFigures { IssuedThisYear = 0, RepealedThisYear = 0, InForce = 2 },
                NormativeDocuments = new Pb.IssuanceFigures { IssuedThisYear = 3, RepealedThisYear = 1, InForce = 17 },
                LicensingDecisions = 412,
                PenaltyDecisions = 36,
                EnforcementDecisions = 2,
                FeesTenThousandYuan = "12.5",
            },
        }, People.UnitClerk(_svc, Agency));
        foreach (var (reference, proceeding, result) in new[]
        {
            ("宁自然复〔2026〕3号", Pb.ReviewProceeding.Reconsideration, Pb.ReviewResult.Upheld),
            ("宁自然复〔2026〕7号", Pb.ReviewProceeding.Reconsideration, Pb.ReviewResult.Corrected),
            ("（2026）宁04行初12号", Pb.ReviewProceeding.DirectSuit, Pb.ReviewResult.Pending),
        })
        {
            await _client.RecordReviewCaseAsync(new Pb.RecordReviewCaseRequest
            {
                AgencyCode = Agency,
                Year = 2026,
                ReviewCase = new Pb.ReviewCase { CaseReference = reference, Proceeding = proceeding, Result = result },
            }, People.UnitClerk(_svc, Agency));
        }

        // A staff correction that breaks 一 + 二 = 三（七） + 四 for 自然人: publication names the cell.
        var corrected = (await _client.CorrectApplicationsCellAsync(new Pb.CorrectApplicationsCellRequest
        {
            AgencyCode = Agency,
            Year = 2026,
            RowIndex = Table3Layout.NewThisYear.Index,
            Column = 0,
            Value = 6,
        }, People.UnitClerk(_svc, Agency))).Report;
        Assert.Contains(corrected.Discrepancies, d => d.Cell == "四、结转下年度继续办理 × 自然人" && d.Actual == 1 && d.Expected == 2);
        var refused = await Rpc.RefusedAsync(() => _client.PublishAnnualReportAsync(new Pb.PublishAnnualReportRequest { AgencyCode = Agency, Year = 2026 }, head),
            StatusCode.FailedPrecondition, "AS-8");
        Assert.Contains("四、结转下年度继续办理 × 自然人", refused.Status.Detail, StringComparison.Ordinal);

        await _client.CorrectApplicationsCellAsync(new Pb.CorrectApplicationsCellRequest
        {
            AgencyCode = Agency,
            Year = 2026,
            RowIndex = Table3Layout.NewThisYear.Index,
            Column = 0,
            Value = 5,
        }, People.UnitClerk(_svc, Agency));
        var published = (await _client.PublishAnnualReportAsync(new Pb.PublishAnnualReportRequest { AgencyCode = Agency, Year = 2026 }, head)).Report;
        Assert.Equal(Rpc.Date(2027, 1, 20), published.PublishedOn);
        Assert.Equal(Rpc.Date(2027, 1, 31), published.PublicationDue); // a department: 31 January
        Assert.Equal(Rpc.Date(2026, 12, 20), published.InternalUnitReportDue);
        Assert.False(published.PublishedLate);
        Assert.Equal(1, published.ReviewsAndLitigation.Cells.Single(c => c.Group == "行政复议" && c.Column == "结果纠正").Count);
        Assert.Equal(2, published.ReviewsAndLitigation.Cells.Single(c => c.Group == "行政复议" && c.Column == "总计").Count);
        Assert.Equal(1, published.ReviewsAndLitigation.Cells.Single(c => c.Group == "行政诉讼·未经复议直接起诉" && c.Column == "尚未审结").Count);

        // Published: no longer changes, even when late events arrive.
        await Rpc.RefusedAsync(() => _client.WriteReportTextAsync(new Pb.WriteReportTextRequest
        {
            AgencyCode = Agency,
            Year = 2026,
            Text = new Pb.ReportText { GeneralSituation = "改", ProblemsAndImprovements = "改" },
        }, People.UnitClerk(_svc, Agency)), StatusCode.FailedPrecondition, "AS-8");

        var rendered = await _client.RenderAnnualReportAsync(new Pb.RenderAnnualReportRequest { AgencyCode = Agency, Year = 2026 }, People.UnitClerk(_svc, Agency));
        Assert.Equal("固原市自然资源局2026年政府信息公开工作年度报告.docx", rendered.FileName);
        using var document = WordprocessingDocument.Open(new MemoryStream(rendered.Content.ToByteArray()), false);
        var text = document.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("固原市自然资源局2026年政府信息公开工作年度报告", text, StringComparison.Ordinal);
        Assert.Contains("三、收到和处理政府信息公开申请情况", text, StringComparison.Ordinal);
        Assert.Contains("属于国家秘密", text, StringComparison.Ordinal);
        Assert.Contains("2026年，本局坚持以公开为常态。", text, StringComparison.Ordinal);
        var table3 = document.MainDocumentPart.Document.Body.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().ElementAt(1);
        var newThisYear = table3.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Single(r => r.InnerText.StartsWith("一、本年新收", StringComparison.Ordinal));
        Assert.Equal(["5", "1", "0", "1", "1", "1", "9"], newThisYear.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Skip(1).Select(c => c.InnerText));
    }

    [Fact]
    public async Task AS4_measured_indicators_of_the_year_each_with_the_cases_behind_it()
    {
        var response = await _client.GetMeasuredIndicatorsAsync(new Pb.GetMeasuredIndicatorsRequest { AgencyCode = Agency, From = Rpc.Date(2026, 1, 1), To = Rpc.Date(2026, 12, 31) },
            _svc.Staff("assessor-9", Agency, BuildingBlocks.Identity.Principals.StaffRole.Clerk));
        var m = response.Measurements.ToDictionary(x => x.Indicator);

        // Replies in 2026: c1, c2, n1–n6, n9 (9); n4 and n6 late.
        var onTime = m[Pb.MeasuredIndicator.OnTimeReplyRate];
        Assert.Equal((7, 9), (onTime.Met, onTime.Total));
        Assert.Equal(7m / 9m, decimal.Parse(onTime.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([Tracking("n4"), Tracking("n6")], onTime.Cases.Select(c => c.Reference).Order());
        // Overdue: the two late replies and c4, breached on 28 January and still unanswered.
        Assert.Equal([Tracking("c4"), Tracking("n4"), Tracking("n6")], m[Pb.MeasuredIndicator.OverdueReplies].Cases.Select(c => c.Reference).Order());
        Assert.Equal("3", m[Pb.MeasuredIndicator.OverdueReplies].Value);
        Assert.Equal((2, 3, "r2"), (m[Pb.MeasuredIndicator.ShareOfReleasesReviewed].Met, m[Pb.MeasuredIndicator.ShareOfReleasesReviewed].Total,
            Assert.Single(m[Pb.MeasuredIndicator.ShareOfReleasesReviewed].Cases).Reference));
        Assert.Equal((1, 2, "r3"), (m[Pb.MeasuredIndicator.ProactiveItemsWithinTwentyWorkingDays].Met, m[Pb.MeasuredIndicator.ProactiveItemsWithinTwentyWorkingDays].Total,
            Assert.Single(m[Pb.MeasuredIndicator.ProactiveItemsWithinTwentyWorkingDays].Cases).Reference));
        Assert.Equal((1, 2, "co-2"), (m[Pb.MeasuredIndicator.CoordinationRepliesOnTime].Met, m[Pb.MeasuredIndicator.CoordinationRepliesOnTime].Total,
            Assert.Single(m[Pb.MeasuredIndicator.CoordinationRepliesOnTime].Cases).Reference));
        Assert.Equal((0, 1, "ts-1"), (m[Pb.MeasuredIndicator.ComplaintsHandledOnTime].Met, m[Pb.MeasuredIndicator.ComplaintsHandledOnTime].Total,
            Assert.Single(m[Pb.MeasuredIndicator.ComplaintsHandledOnTime].Cases).Reference));
        Assert.Equal("ac-1", Assert.Single(response.AccountabilityDecisions).Reference);

        // The first half-year only: n6 (15 July) falls outside.
        var firstHalf = await _client.GetMeasuredIndicatorsAsync(new Pb.GetMeasuredIndicatorsRequest { AgencyCode = Agency, From = Rpc.Date(2026, 1, 1), To = Rpc.Date(2026, 6, 30) },
            People.UnitClerk(_svc, Agency));
        Assert.Equal([Tracking("n4")], firstHalf.Measurements.Single(x => x.Indicator == Pb.MeasuredIndicator.OnTimeReplyRate).Cases.Select(c => c.Reference));
    }

    [Fact]
    public async Task AS4_a_leaf_bound_to_a_measured_indicator_is_scored_from_the_year_with_its_cases_as_evidence()
    {
        var request = Rpc.TwoLeafScheme(Rpc.Weights("0", "0", "1", "0", "0"));
        request.Indicators[1].Binding = new Pb.MeasuredBinding { Indicator = Pb.MeasuredIndicator.OnTimeReplyRate, Rule = Pb.MeasurementRuleKind.ProportionalToRate };
        var scheme = (await _client.CreateSchemeAsync(request, People.Administrator(_svc))).Scheme;
        var id = (await _client.PlanAssessmentAsync(new Pb.PlanAssessmentRequest { SchemeId = scheme.SchemeId, AgencyCodes = { Agency } }, People.Administrator(_svc)))
            .Assessment.AssessmentId;
        await _client.IssueNoticeAsync(new Pb.IssueNoticeRequest { AssessmentId = id }, People.Administrator(_svc));
        await _client.CloseSelfCheckAsync(new Pb.CloseSelfCheckRequest { AssessmentId = id }, People.Administrator(_svc));

        var scored = await _client.RecordMeasuredScoreAsync(new Pb.RecordMeasuredScoreRequest { AssessmentId = id, AgencyCode = Agency, IndicatorCode = "4.1" },
            People.Assessor(_svc));
        // 50 points × 7/9 replies on time in 2026.
        Assert.Equal(50m * (7m / 9m), decimal.Parse(scored.Score.Points, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(Tracking("n4"), scored.Score.Evidence, StringComparison.Ordinal);
        Assert.Contains(Tracking("n6"), scored.Score.Evidence, StringComparison.Ordinal);
        await Rpc.RefusedAsync(() => _client.RecordMeasuredScoreAsync(new Pb.RecordMeasuredScoreRequest { AssessmentId = id, AgencyCode = Agency, IndicatorCode = "1.1" },
            People.Assessor(_svc)), StatusCode.InvalidArgument);
    }

    [Fact]
    public async Task AS8_staff_of_another_agency_cannot_read_the_report_or_its_numbers()
    {
        await Rpc.RefusedAsync(() => _client.GetAnnualReportAsync(new Pb.GetAnnualReportRequest { AgencyCode = Agency, Year = 2026 },
            People.UnitClerk(_svc, SampleAgencies.XijiHousing)), StatusCode.PermissionDenied);
        await Rpc.RefusedAsync(() => _client.GetMeasuredIndicatorsAsync(new Pb.GetMeasuredIndicatorsRequest { AgencyCode = Agency, From = Rpc.Date(2026, 1, 1), To = Rpc.Date(2026, 12, 31) },
            People.UnitClerk(_svc, SampleAgencies.XijiHousing)), StatusCode.PermissionDenied);
    }

    [Fact]
    public async Task AS8_a_reply_whose_sub_reason_belongs_to_another_outcome_is_not_counted()
    {
        var bad = new Intake.ReplyIssued
        {
            ApplicationId = Guid.NewGuid().ToString(),
            AgencyCode = Agency,
            TrackingNumber = "GYZRZY-bad",
            ApplicantType = NP,
            Outcome = Intake.ReplyOutcome.CannotProvide,
            Reason = Intake.OutcomeReason.StateSecret,
            ReceivedOn = Date(new(2026, 9, 1)),
            RepliedOn = Date(new(2026, 9, 2)),
        };
        Assert.NotEqual(Dapr.Proto.Runtime.V1.TopicEventResponse.Types.TopicEventResponseStatus.Success, await _svc.DeliverAsync(Topics.Intake, bad));
        Assert.Equal(9, (await ReportAsync(2026)).Applications.Rows[Table3Layout.NewThisYear.Index].Counts[Table3Layout.TotalColumn]);
    }
}
