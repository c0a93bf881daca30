using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Grpc.Client;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Identity.Rpc;
using Ogi.BuildingBlocks.Identity.Tokens;
using Acc = Ogi.Contracts.Accountability.V1;
using Asm = Ogi.Contracts.Assessment.V1;
using Co = Ogi.Contracts.Coordination.V1;
using In = Ogi.Contracts.Intake.V1;
using Rv = Ogi.Contracts.Review.V1;

namespace Ogi.Cli.Demo;

/// <summary>One step of the demo: what was called, the ids and values it produced, and where to look at it yourself.</summary>
public sealed record DemoStep(int Number, string TitleZh, string TitleEn, string Called, IReadOnlyDictionary<string, string> Values, string WhereToLook);

/// <summary>What the journey found, for those who check it (the end-to-end test).</summary>
public sealed record DemoOutcome(
    string TraceId,
    string ApplicationId,
    string ReleasedText,
    In.ReplyOutcome ReplyOutcome,
    long Table3Before,
    long Table3After,
    int RepliesMeasuredBefore,
    int RepliesMeasuredAfter,
    string? BreachedApplicationId,
    IReadOnlyList<string> BreachCaseIds,
    IReadOnlyList<DemoStep> Steps);

/// <summary>
/// The demo journey through the real gRPC APIs of the five services, with development tokens it mints itself:
/// one application from submission through correction (INT-4), secrecy review with a redaction (SR-2, SR-3, SR-7),
/// a third-party consultation (CO-4), the reply (INT-8, INT-9), into assessment's measured indicators and table 三
/// (AS-4, AS-8); then a second application whose deadline has passed and the accountability case it opens (INT-10,
/// AC-1). Every call runs under one root activity, so the whole journey is one trace.
/// </summary>
public sealed class DemoJourney(Func<string, GrpcChannel> channel, DemoJourneyOptions options)
{
    public const string ActivitySourceName = "Ogi.Demo";

    /// <summary>The agency whose application the journey follows (西吉县住房和城乡建设局), and the level above it (西吉县人民政府) that handles its accountability cases (AC-4).</summary>
    public const string Agency = "11640422MB0000012H";
    public const string ParentAgency = "11640422MB0000010B";

    /// <summary>A third party's citizen ID number (a valid GB 11643 check digit) that the review withholds.</summary>
    public const string ThirdPartyIdNumber = "500103198506123315";

    private const string Clerk = "demo-clerk";
    private const string Head = "demo-office-head";
    private const string Reviewer = "demo-reviewer";
    private const string Leader = "demo-leader";
    private const string Coordinator = "demo-coordinator";
    private const string Supervisor = "demo-supervisor";

    private static readonly ActivitySource Source = new(ActivitySourceName);
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private readonly DevelopmentTokens _tokens = DevelopmentTokens.FromConfiguration(new ConfigurationBuilder().AddEnvironmentVariables("OGI_").Build(), "Development");
    private readonly List<DemoStep> _steps = [];

    private In.IntakeService.IntakeServiceClient Intake => new(channel("intake"));

    private Rv.ReviewService.ReviewServiceClient Review => new(channel("secrecy-review"));

    private Co.CoordinationService.CoordinationServiceClient Coordination => new(channel("coordination"));

    private Asm.AssessmentService.AssessmentServiceClient Assessment => new(channel("assessment"));

    private Acc.AccountabilityService.AccountabilityServiceClient Accountability => new(channel("accountability"));

    public async Task<DemoOutcome> RunAsync(CancellationToken ct = default)
    {
        // The root of the journey's trace: every call below carries its traceparent (recorded, so services sample it).
        using var root = Source.StartActivity("ogi demo journey", ActivityKind.Internal)
            ?? new Activity("ogi demo journey").SetIdFormat(ActivityIdFormat.W3C).Start();
        root.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
        var traceId = root.TraceId.ToHexString();

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, China).DateTime);
        var run = Guid.NewGuid().ToString("N")[..8];

        // 1. A provincial platform submits an application received online: it waits for the office's confirmation (INT-2).
        var submitted = await Intake.SubmitApplicationAsync(new In.SubmitApplicationRequest
        {
            RequestId = $"demo-{run}-1",
            AgencyCode = Agency,
            Applicant = Applicant(),
            Request = new In.RequestDetails
            {
                Kind = In.ApplicationKind.Disclosure,
                Description = "2026年西吉县城镇保障性住房分配结果及审核材料",
                Form = In.RequestedForm.Electronic,
                Delivery = In.DeliveryChannel.Email,
                Channel = In.SubmissionChannel.Online,
            },
        }, Platform(), cancellationToken: ct);
        var id = submitted.Application.ApplicationId;
        Step("提交申请", "Application submitted by a provincial platform", "intake SubmitApplication (provincial platform token)",
            new() { ["application_id"] = id, ["tracking_number"] = submitted.Application.TrackingNumber, ["status"] = Label(submitted.Application.Status) },
            $"./ogi call intake GetApplication -d '{{\"applicationId\":\"{id}\"}}' --token $(./ogi token --person {Clerk} --agency {Agency} --role clerk)");

        // 2. INT-2: the office confirms the day both sides confirmed the online submission; the reply clock starts.
        var confirmed = (await Intake.ConfirmReceiptAsync(new In.ConfirmReceiptRequest { ApplicationId = id, ReceivedOn = Date(today) }, Staff(Clerk, Agency, StaffRole.Clerk), cancellationToken: ct)).Application;
        Step("确认收到申请", "Receipt confirmed, the reply clock starts", "intake ConfirmReceipt (clerk)",
            new() { ["received_on"] = Text(confirmed.ReceivedOn), ["deadline"] = Text(confirmed.Deadline?.Deadline), ["status"] = Label(confirmed.Status) },
            "intake GetApplication: deadline.explanation shows how the deadline was counted");

        // 3. INT-4: one correction notice listing every item.
        var correction = (await Intake.RequestCorrectionAsync(new In.RequestCorrectionRequest
        {
            ApplicationId = id,
            Items = { "请写明所需信息的年度范围", "请说明所需审核材料的具体名称" },
            DueOn = Date(today.AddDays(15)),
        }, Staff(Clerk, Agency, StaffRole.Clerk), cancellationToken: ct)).Application;
        Step("告知补正", "Correction requested (INT-4: one notice, every item)", "intake RequestCorrection (clerk)",
            new() { ["items"] = correction.Correction.Items.Count.ToString(CultureInfo.InvariantCulture), ["due_on"] = Text(correction.Correction.DueOn), ["status"] = Label(correction.Status) },
            "intake GetNotice kind=NOTICE_KIND_CORRECTION (补正申请告知书, HTML)");

        // 4. INT-4: the applicant corrects through the platform; the reply period restarts from today.
        var corrected = (await Intake.SubmitCorrectionAsync(new In.SubmitCorrectionRequest { ApplicationId = id }, Platform(), cancellationToken: ct)).Application;
        Step("提交补正", "Correction submitted, the period restarts", "intake SubmitCorrection (provincial platform)",
            new() { ["corrected_on"] = Text(corrected.Correction.CorrectedOn), ["deadline"] = Text(corrected.Deadline?.Deadline), ["status"] = Label(corrected.Status) },
            "intake GetApplication: correction.correctedOn, deadline.start");

        // 5. SR-1, CO-4: the document to release names a third party (and carries their ID number): review and consultation.
        const string documentId = "doc-1";
        var text = "西吉县2026年城镇保障性住房分配结果\n"
            + "经审核，符合条件的家庭共42户，分配房源42套。\n"
            + $"其中第17号房源承租人李某某（公民身份号码{ThirdPartyIdNumber}）系补录，经第三方同意后公开。\n"
            + "分配过程全程公开，接受社会监督。";
        var attached = (await Intake.AttachDocumentsAsync(new In.AttachDocumentsRequest
        {
            ApplicationId = id,
            Documents =
            {
                new In.ReleaseDocumentInput
                {
                    DocumentId = documentId,
                    Title = "2026年城镇保障性住房分配结果",
                    Text = text,
                    ThirdParties = { new In.ConcernedThirdParty { Reference = "demo-tp-" + run, Name = "李某某", Interest = Co.ThirdPartyInterest.Privacy } },
                },
            },
        }, Staff(Clerk, Agency, StaffRole.Clerk), cancellationToken: ct)).Application;
        var document = attached.Documents.Single();
        Step("添加拟公开文件", "Document attached: ReviewRequested and CoordinationRequested published", "intake AttachDocuments (clerk)",
            new() { ["document_id"] = documentId, ["verdict"] = Label(document.Verdict), ["coordination"] = Label(document.Coordination) },
            "secrecy-review ListReviewerQueue (office head); coordination ListThirdPartyConsultations");

        // 6. SR-2, SR-6, SR-7, SR-3: the office head names reviewer and leader; the reviewer checks, redacts the ID number, opines 部分公开.
        var item = await PollAsync(() => Review.GetItemAsync(new Rv.GetItemRequest { ApplicationId = id, DocumentId = documentId }, Staff(Head, Agency, StaffRole.OfficeHead), cancellationToken: ct).ResponseAsync,
            r => r.Reviews.Count > 0, "the review item from intake's ReviewRequested", ct, notFoundIsPending: true);
        var reviewId = item.Reviews[0].ReviewId;
        await Review.AssignReviewersAsync(new Rv.AssignReviewersRequest { ReviewId = reviewId, Reviewer = Reviewer, ApprovingLeader = Leader }, Staff(Head, Agency, StaffRole.OfficeHead), cancellationToken: ct);
        var review = (await Review.RecordChecklistAsync(new Rv.RecordChecklistRequest
        {
            ReviewId = reviewId,
            Answers =
            {
                Enum.GetValues<Rv.ChecklistQuestion>().Where(q => q != Rv.ChecklistQuestion.Unspecified)
                    .Select(q => new Rv.ChecklistAnswer { Question = q, Yes = q == Rv.ChecklistQuestion.PersonalPrivacy, Note = q == Rv.ChecklistQuestion.PersonalPrivacy ? "含第三方公民身份号码" : "逐项核对原文，未发现" }),
            },
        }, Staff(Reviewer, Agency, StaffRole.Reviewer), cancellationToken: ct)).Review;
        foreach (var finding in review.Findings)
        {
            var isId = finding.Kind == Rv.FindingKind.CitizenIdNumber;
            review = (await Review.ResolveFindingAsync(new Rv.ResolveFindingRequest
            {
                ReviewId = reviewId,
                FindingNumber = finding.Number,
                Disposition = isId ? Rv.FindingDisposition.Redacted : Rv.FindingDisposition.Kept,
                Justification = isId ? "公民身份号码属于个人隐私，不予公开" : "已核实，可以公开",
            }, Staff(Reviewer, Agency, StaffRole.Reviewer), cancellationToken: ct)).Review;
        }

        review = (await Review.GiveOpinionAsync(new Rv.GiveOpinionRequest
        {
            ReviewId = reviewId,
            Opinion = new Rv.Opinion
            {
                Kind = Rv.OpinionKind.Partial,
                Basis = "《中华人民共和国政府信息公开条例》第十五条、第三十七条",
                Reason = "第三方公民身份号码属于个人隐私，作区分处理后公开其余部分",
            },
        }, Staff(Reviewer, Agency, StaffRole.Reviewer), cancellationToken: ct)).Review;
        Step("保密审查意见：部分公开", "Secrecy review: 部分公开, the ID number redacted", "secrecy-review AssignReviewers (office head), RecordChecklist, ResolveFinding, GiveOpinion (reviewer)",
            new() { ["review_id"] = reviewId, ["submitter"] = review.Submitter, ["reviewer"] = review.Reviewer, ["approving_leader"] = review.ApprovingLeader, ["findings"] = review.Findings.Count.ToString(CultureInfo.InvariantCulture), ["status"] = Label(review.Status) },
            $"./ogi call secrecy-review GetReview -d '{{\"reviewId\":\"{reviewId}\"}}' (findings with line and column)");

        // 7. SR-2: a different person, the approving leader, approves; the released text goes back to intake.
        review = (await Review.ApproveReviewAsync(new Rv.ApproveReviewRequest { ReviewId = reviewId }, Staff(Leader, Agency, StaffRole.ApprovingLeader), cancellationToken: ct)).Review;
        Step("分管领导审批", "Approved by the leader (SR-2: three different people)", "secrecy-review ApproveReview (approving leader)",
            new() { ["status"] = Label(review.Status), ["passed_for_release"] = review.PassedForRelease.ToString(), ["released_text"] = review.ReleasedText },
            "secrecy-review GetReview: releasedText (■■■ where withheld); event ReviewConcluded on topic secrecy-review");

        // 8. CO-4: the third party consents in writing; the consultation concludes and intake's clock resumes (CO-6).
        var consultation = await PollAsync(async () => (await Coordination.ListThirdPartyConsultationsAsync(new Co.ListThirdPartyConsultationsRequest { AgencyCode = Agency }, Staff(Coordinator, Agency, StaffRole.Coordinator), cancellationToken: ct)).Consultations
                .FirstOrDefault(c => c.ApplicationId == id),
            c => c is not null, "the third-party consultation from intake's CoordinationRequested", ct);
        var answered = (await Coordination.RecordThirdPartyAnswerAsync(new Co.RecordThirdPartyAnswerRequest
        {
            ConsultationId = consultation!.ConsultationId,
            Answer = Co.ThirdPartyAnswerKind.Consent,
            Reasons = "同意公开房源分配结果，身份号码不公开",
        }, Staff(Coordinator, Agency, StaffRole.Coordinator), cancellationToken: ct)).Consultation;
        Step("第三方意见：同意公开", "Third party consulted: consent, consultation concluded", "coordination ListThirdPartyConsultations, RecordThirdPartyAnswer (coordinator)",
            new() { ["consultation_id"] = answered.ConsultationId, ["due_on"] = Text(answered.DueOn), ["status"] = Label(answered.Status), ["release_permitted"] = (answered.Conclusion?.ReleasePermitted ?? false).ToString() },
            $"./ogi call coordination GetThirdPartyConsultation -d '{{\"consultationId\":\"{answered.ConsultationId}\"}}'");

        // 9. INT-9: intake has heard both conclusions: the document may be released and no clock stop is open.
        var cleared = await PollAsync(async () => (await Intake.GetApplicationAsync(new In.GetApplicationRequest { ApplicationId = id }, Staff(Clerk, Agency, StaffRole.Clerk), cancellationToken: ct)).Application,
            a => a.Documents.All(d => d.PermitsRelease && d.Coordination == In.CoordinationState.ReleasePermitted) && a.ClockStops.All(s => s.ResumedOn is not null),
            "intake to record the review and the consultation (ReviewConcluded, ConsultationEnded, CoordinationConcluded)", ct);
        Step("受理机关收到审查与协调结论", "Intake sees the review and the consultation concluded", "intake GetApplication (polled)",
            new() { ["verdict"] = Label(cleared.Documents[0].Verdict), ["coordination"] = Label(cleared.Documents[0].Coordination), ["clock_stops"] = cleared.ClockStops.Count.ToString(CultureInfo.InvariantCulture), ["deadline"] = Text(cleared.Deadline?.Deadline) },
            "intake GetApplication: documents[].permitsRelease, clockStops (征求第三方意见)");

        // 10. INT-8: the reply, 部分公开; read table 三 and the measured indicators first, to show what it changes.
        var year = today.Year;
        var (table3Before, measuredBefore) = await AssessmentFiguresAsync(year, today, ct);
        var replied = (await Intake.IssueReplyAsync(new In.IssueReplyRequest
        {
            ApplicationId = id,
            Outcome = In.ReplyOutcome.PartiallyDisclosed,
            LegalBasis = "《中华人民共和国政府信息公开条例》第三十七条",
            Explanation = "所申请信息中第三方公民身份号码属于个人隐私，已作区分处理，其余部分予以公开",
            DeliveredForm = In.RequestedForm.Electronic,
        }, Staff(Clerk, Agency, StaffRole.Clerk), cancellationToken: ct)).Application;
        Step("答复：部分公开", "Reply issued: 部分公开 (ReplyIssued on intake and decisions)", "intake IssueReply (clerk)",
            new() { ["outcome"] = Label(replied.Reply.Outcome), ["replied_on"] = Text(replied.Reply.RepliedOn), ["late"] = replied.Reply.Late.ToString(), ["status"] = Label(replied.Status) },
            "intake GetNotice kind=NOTICE_KIND_REPLY (答复书); ./ogi decisions follow");

        // 11. AS-4, AS-8: the reply reaches assessment: the on-time reply rate and table 三's 部分公开 row count it.
        var (table3After, measuredAfter) = await PollAsync(() => AssessmentFiguresAsync(year, today, ct),
            f => f.Table3 == table3Before + 1 && f.Replies == measuredBefore + 1, "assessment to count the reply (ReplyIssued)", ct);
        Step("考核：实测指标与年报表三", "Assessment: measured indicators and table 三 count the reply", "assessment GetMeasuredIndicators, GetAnnualReport (polled)",
            new() { ["year"] = year.ToString(CultureInfo.InvariantCulture), ["table3_partially_disclosed_before"] = table3Before.ToString(CultureInfo.InvariantCulture), ["table3_partially_disclosed_after"] = table3After.ToString(CultureInfo.InvariantCulture), ["replies_measured_before"] = measuredBefore.ToString(CultureInfo.InvariantCulture), ["replies_measured_after"] = measuredAfter.ToString(CultureInfo.InvariantCulture) },
            $"./ogi call assessment GetAnnualReport -d '{{\"agencyCode\":\"{Agency}\",\"year\":{year}}}' (applications.rows: 部分公开)");

        string? breachedId = null;
        List<string> caseIds = [];
        if (options.MoveReceiptBack is { } moveBack)
        {
            (breachedId, caseIds) = await BreachAsync(run, today, moveBack, ct);
        }
        else
        {
            Step("第二件申请：期限届满（未运行）", "Second application's breach: skipped", "—",
                new() { ["why"] = "intake refuses a receipt date before the day of submission (INT-2); moving it back needs the database: --database-url" },
                "ogi demo --help");
        }

        return new DemoOutcome(traceId, id, review.ReleasedText, replied.Reply.Outcome, table3Before, table3After, measuredBefore, measuredAfter, breachedId, caseIds, _steps);
    }

    private async Task<(string Id, List<string> Cases)> BreachAsync(string run, DateOnly today, Func<string, DateOnly, CancellationToken, Task> moveBack, CancellationToken ct)
    {
        // 12. A second application, submitted and received today.
        var second = (await Intake.SubmitApplicationAsync(new In.SubmitApplicationRequest
        {
            RequestId = $"demo-{run}-2",
            AgencyCode = Agency,
            Applicant = Applicant(),
            Request = new In.RequestDetails
            {
                Kind = In.ApplicationKind.Disclosure,
                Description = "2025年度西吉县公租房租金收缴情况",
                Form = In.RequestedForm.Electronic,
                Delivery = In.DeliveryChannel.Email,
                Channel = In.SubmissionChannel.InPerson,
            },
        }, Platform(), cancellationToken: ct)).Application;
        var id = second.ApplicationId;
        Step("第二件申请：当面提交", "Second application, received in person today", "intake SubmitApplication (provincial platform)",
            new() { ["application_id"] = id, ["tracking_number"] = second.TrackingNumber, ["deadline"] = Text(second.Deadline?.Deadline) },
            $"./ogi call intake GetApplication -d '{{\"applicationId\":\"{id}\"}}'");

        // 13. The system clock cannot be moved and intake refuses a receipt date before submission (INT-2), so the
        // demo moves this one application's receipt back 60 days in intake's database, as if it had lain unanswered.
        var receivedOn = today.AddDays(-60);
        await moveBack(id, receivedOn, ct);
        Step("受理日期回拨60天（演示）", "Receipt moved back 60 days (demo only, in intake's database)", "UPDATE intake.applications (received_on, monitor_due_on)",
            new() { ["received_on"] = receivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            "intake GetApplication: deadline (now in the past)");

        // 14. INT-10: the deadline monitor's next pass finds it overdue and publishes DeadlineBreached, once.
        var breached = await PollAsync(async () => (await Intake.GetApplicationAsync(new In.GetApplicationRequest { ApplicationId = id }, Staff(Clerk, Agency, StaffRole.Clerk), cancellationToken: ct)).Application,
            a => a.BreachReported, "intake's deadline monitor to report the breach (Intake:Monitor:IntervalSeconds)", ct);
        Step("超期：发出 DeadlineBreached", "Deadline breached: the monitor publishes DeadlineBreached", "intake GetApplication (polled until breachReported)",
            new() { ["deadline"] = Text(breached.Deadline?.Deadline), ["breach_reported"] = breached.BreachReported.ToString() },
            "intake GetApplication: breachReported, deadline.workingDaysLeft");

        // 15. AC-1, AC-4: accountability opens one case 答复超期, handled by the level above the agency.
        var supervisor = Staff(Supervisor, ParentAgency, StaffRole.Supervisor);
        var cases = await PollAsync(async () => (await Accountability.ListCasesAsync(new Acc.ListCasesRequest { HandlingAgencyCode = ParentAgency, PageSize = 200 }, supervisor, cancellationToken: ct)).Cases
                .Where(c => c.Source == Acc.SourceKind.DeadlineBreached && c.SourceReference == id).ToList(),
            c => c.Count > 0, "accountability to open the case (DeadlineBreached)", ct);
        var opened = (await Accountability.GetCaseAsync(new Acc.GetCaseRequest { CaseId = cases[0].CaseId }, supervisor, cancellationToken: ct)).Case;
        Step("问责立案：答复超期", "Accountability opens one case 答复超期", "accountability ListCases, GetCase (supervisor of 西吉县)",
            new() { ["case_id"] = opened.CaseId, ["case_key"] = opened.CaseKey, ["source"] = Label(opened.Source), ["status"] = Label(opened.Status), ["unit"] = opened.Unit?.AgencyCode ?? "", ["handling_agency"] = opened.HandlingAgencyCode, ["cases_for_application"] = cases.Count.ToString(CultureInfo.InvariantCulture) },
            $"./ogi call accountability GetCase -d '{{\"caseId\":\"{opened.CaseId}\"}}' --token $(./ogi token --person {Supervisor} --agency {ParentAgency} --role supervisor)");
        return (id, cases.Select(c => c.CaseId).ToList());
    }

    /// <summary>Table 三's 部分公开 count (total column) and the replies counted by the on-time reply rate, this year.</summary>
    private async Task<(long Table3, int Replies)> AssessmentFiguresAsync(int year, DateOnly today, CancellationToken ct)
    {
        var staff = Staff(Head, Agency, StaffRole.OfficeHead);
        var report = (await Assessment.GetAnnualReportAsync(new Asm.GetAnnualReportRequest { AgencyCode = Agency, Year = year }, staff, cancellationToken: ct)).Report;
        var row = report.Applications.Rows.First(r => r.Outcome == In.ReplyOutcome.PartiallyDisclosed);
        var measured = await Assessment.GetMeasuredIndicatorsAsync(new Asm.GetMeasuredIndicatorsRequest { AgencyCode = Agency, From = Date(new DateOnly(year, 1, 1)), To = Date(today) }, staff, cancellationToken: ct);
        var rate = measured.Measurements.First(m => m.Indicator == Asm.MeasuredIndicator.OnTimeReplyRate);
        return (row.Counts[^1], rate.Total);
    }

    /// <summary>
    /// Moves an application's date of receipt back in intake's own database (the only way to let a deadline pass
    /// under the system clock) and asks the monitor to look at it on its next pass.
    /// </summary>
    public static async Task MoveReceiptBackAsync(string connectionString, string applicationId, DateOnly receivedOn, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            UPDATE intake.applications
               SET submitted_on = @on, received_on = @on, monitor_due_on = @on, deadline = NULL, version = version + 1,
                   state = jsonb_set(jsonb_set(state, '{submittedOn}', to_jsonb(@on::text)), '{receivedOn}', to_jsonb(@on::text))
             WHERE id = @id
            """, connection);
        command.Parameters.AddWithValue("on", receivedOn);
        command.Parameters.AddWithValue("id", Guid.Parse(applicationId));
        if (await command.ExecuteNonQueryAsync(ct) != 1)
        {
            throw new InvalidOperationException($"application {applicationId} is not in intake.applications of that database");
        }
    }

    private async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, string waitingFor, CancellationToken ct, bool notFoundIsPending = false)
    {
        var until = DateTime.UtcNow + options.Patience;
        while (true)
        {
            try
            {
                var value = await read();
                if (done(value))
                {
                    return value;
                }
            }
            catch (RpcException e) when (notFoundIsPending && e.StatusCode == StatusCode.NotFound && DateTime.UtcNow < until)
            {
                // Not there yet: the event is on its way.
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"waited {options.Patience.TotalSeconds:0} s for {waitingFor}");
            }

            await Task.Delay(250, ct);
        }
    }

    private void Step(string titleZh, string titleEn, string called, Dictionary<string, string> values, string whereToLook)
    {
        var step = new DemoStep(_steps.Count + 1, titleZh, titleEn, called, values, whereToLook);
        _steps.Add(step);
        options.OnStep?.Invoke(step);
    }

    private Metadata Platform() => BearerToken.Headers(_tokens.MintProvincialPlatform("demo-platform", TimeSpan.FromHours(1)));

    private Metadata Staff(string person, string agency, StaffRole role) => BearerToken.Headers(_tokens.Mint(person, agency, [role], TimeSpan.FromHours(1)));


    private static In.Applicant Applicant() => new()
    {
        Type = In.ApplicantType.NaturalPerson,
        Name = "王某",
        DocumentType = In.IdentityDocumentType.ResidentIdCard,
        DocumentNumber = "11010519491231002X",
        Email = "applicant@example.cn",
    };

    private static Google.Type.Date Date(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };

    private static string Text(Google.Type.Date? date) => date is null ? "—" : $"{date.Year:0000}-{date.Month:00}-{date.Day:00}";

    private static string Label<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var descriptor = Contracts.Files.SelectMany(f => f.EnumTypes).FirstOrDefault(e => e.ClrType == typeof(TEnum));
        return descriptor?.FindValueByNumber(Convert.ToInt32(value, CultureInfo.InvariantCulture)) is { } found ? Output.Label(found) : value.ToString();
    }
}

/// <summary>How the journey runs: how long it waits for events, how it lets a deadline pass, and who hears of each step.</summary>
public sealed class DemoJourneyOptions
{
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Moves an application's date of receipt back (null: the breach steps are skipped).</summary>
    public Func<string, DateOnly, CancellationToken, Task>? MoveReceiptBack { get; init; }

    public Action<DemoStep>? OnStep { get; init; }
}
