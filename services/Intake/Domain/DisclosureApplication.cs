using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.Intake.Domain;

/// <summary>
/// An application for disclosure (依申请公开) through its life: receipt (INT-2), correction (INT-4),
/// extension (INT-5), clock stops (INT-6, INT-7, CO-6), the documents to release and their reviews (INT-9),
/// and the reply (INT-8). Every method checks its rule and records what happened as an event.
/// Dates are legal dates in Asia/Shanghai; periods come from the agency's policy profile (CAL-5).
/// </summary>
public sealed class DisclosureApplication
{
    private readonly List<ReplyClockStop> _stops = [];
    private readonly List<ReleaseDocument> _documents = [];
    private readonly List<IntakeEvent> _events = [];

    private DisclosureApplication(Guid id, string agencyCode, string trackingNumber, string requestId, Applicant applicant, RequestDetails request, DateOnly submittedOn)
    {
        Id = id;
        AgencyCode = agencyCode;
        TrackingNumber = trackingNumber;
        RequestId = requestId;
        Applicant = applicant;
        Request = request;
        SubmittedOn = submittedOn;
    }

    public Guid Id { get; }

    public string AgencyCode { get; }

    public string TrackingNumber { get; }

    /// <summary>The provincial platform's own request id: submitting it twice gives the same application (INT-1).</summary>
    public string RequestId { get; }

    public Applicant Applicant { get; }

    public RequestDetails Request { get; }

    public DateOnly SubmittedOn { get; }

    public ApplicationStatus Status { get; private set; } = ApplicationStatus.ReceivedUnconfirmed;

    /// <summary>INT-2: from this day every period runs; null while received, unconfirmed.</summary>
    public DateOnly? ReceivedOn { get; private set; }

    /// <summary>The clerk (承办人) handling it; set when receipt is confirmed.</summary>
    public string? HandlerId { get; private set; }

    public CorrectionNotice? Correction { get; private set; }

    public Extension? Extension { get; private set; }

    public FeeNotice? Fee { get; private set; }

    public Reply? Reply { get; private set; }

    /// <summary>INT-11: how a request to correct records ended; null for disclosure applications and while open.</summary>
    public RecordCorrectionConclusion? RecordCorrection { get; private set; }

    /// <summary>INT-10: a breach is reported once.</summary>
    public bool BreachReported { get; private set; }

    public IReadOnlyList<ReplyClockStop> Stops => _stops;

    public IReadOnlyList<ReleaseDocument> Documents => _documents;

    public bool IsOpen => Status is ApplicationStatus.ReceivedUnconfirmed or ApplicationStatus.InProgress or ApplicationStatus.AwaitingCorrection;

    public ApplicationSnapshot ToSnapshot() => new(Id, AgencyCode, TrackingNumber, RequestId, Applicant, Request, SubmittedOn, Status,
        ReceivedOn, HandlerId, Correction, Extension, Fee, Reply, BreachReported, _stops.ToList(), _documents.ToList(), RecordCorrection);

    /// <summary>The aggregate as it was stored; no rule runs and no event is recorded.</summary>
    public static DisclosureApplication Restore(ApplicationSnapshot snapshot)
    {
        var application = new DisclosureApplication(snapshot.Id, snapshot.AgencyCode, snapshot.TrackingNumber, snapshot.RequestId,
            snapshot.Applicant, snapshot.Request, snapshot.SubmittedOn)
        {
            Status = snapshot.Status,
            ReceivedOn = snapshot.ReceivedOn,
            HandlerId = snapshot.HandlerId,
            Correction = snapshot.Correction,
            Extension = snapshot.Extension,
            Fee = snapshot.Fee,
            Reply = snapshot.Reply,
            BreachReported = snapshot.BreachReported,
            RecordCorrection = snapshot.RecordCorrection,
        };
        application._stops.AddRange(snapshot.Stops);
        application._documents.AddRange(snapshot.Documents);
        return application;
    }

    /// <summary>Takes the events recorded since the last call, for the service layer's outbox.</summary>
    public IReadOnlyList<IntakeEvent> DequeueEvents()
    {
        var events = _events.ToList();
        _events.Clear();
        return events;
    }

    /// <summary>
    /// INT-1: a complete application is registered. In person the date of receipt is the day of submission
    /// (INT-2); by every other channel it waits for the office's confirmation.
    /// </summary>
    public static DisclosureApplication Submit(Guid id, string agencyCode, string trackingNumber, string requestId,
        Applicant applicant, RequestDetails request, DateOnly submittedOn, string receivedBy)
    {
        Validate(requestId, applicant, request);
        var application = new DisclosureApplication(id, agencyCode, trackingNumber, requestId, applicant, request, submittedOn);
        if (request.Channel == SubmissionChannel.InPerson)
        {
            application.Register(submittedOn, receivedBy);
        }

        return application;
    }

    /// <summary>INT-1: what <see cref="Submit"/> refuses, checkable before a tracking number is spent on it.</summary>
    public static void Validate(string requestId, Applicant applicant, RequestDetails request)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        ArgumentNullException.ThrowIfNull(request);
        var violations = applicant.Violations().Concat(request.Violations()).ToList();
        if (string.IsNullOrWhiteSpace(requestId))
        {
            violations.Add(new("request_id", "平台请求编号不能为空"));
        }

        if (violations.Count > 0)
        {
            throw new InvalidInputException(violations);
        }
    }

    /// <summary>
    /// INT-2: registered post → the day the agency signed for it; ordinary post → the day the office confirmed
    /// with the applicant; online or fax → the day both sides confirmed. Never before submission, never in the future.
    /// </summary>
    public void ConfirmReceipt(DateOnly receivedOn, string clerkId, DateOnly today)
    {
        if (Status != ApplicationStatus.ReceivedUnconfirmed)
        {
            throw new RuleViolationException("INT-2", "收到申请之日已经确认");
        }

        if (receivedOn < SubmittedOn || receivedOn > today)
        {
            throw new InvalidInputException("received_on", $"收到申请之日应在提交之日（{SubmittedOn:yyyy-MM-dd}）与今天之间");
        }

        Register(receivedOn, clerkId);
    }

    private void Register(DateOnly receivedOn, string clerkId)
    {
        ReceivedOn = receivedOn;
        HandlerId = clerkId;
        Status = ApplicationStatus.InProgress;
        _events.Add(new ApplicationRegistered(Id, AgencyCode, TrackingNumber, Applicant.Type, receivedOn));
    }

    /// <summary>
    /// INT-4: one notice, listing every item, within 7 working days (profile) of receipt, with a period that
    /// ends after the notice. A second notice is refused.
    /// </summary>
    public void RequestCorrection(IReadOnlyList<string> items, DateOnly dueOn, string clerkId, DateOnly today, DeadlineCalculator calendar)
    {
        RequireStatus(ApplicationStatus.InProgress, "INT-4", "只有办理中的申请可以告知补正");
        if (Correction is not null)
        {
            throw new RuleViolationException("INT-4", "补正告知只能发出一次，且应一次性告知需要补正的全部事项");
        }

        if (items.Count == 0 || items.Any(string.IsNullOrWhiteSpace))
        {
            throw new InvalidInputException("items", "应列明需要补正的全部事项");
        }

        var noticeWindow = calendar.Start(AgencyCode, PeriodKind.CorrectionNotice, ReceivedOn!.Value).Result;
        if (today > noticeWindow.DeadlineDate)
        {
            throw new RuleViolationException("INT-4", $"补正告知应在收到申请之日起{noticeWindow.Length}个工作日内发出（截至{noticeWindow.DeadlineDate:yyyy-MM-dd}）");
        }

        if (dueOn <= today)
        {
            throw new InvalidInputException("due_on", "补正期限应晚于告知之日");
        }

        Correction = new CorrectionNotice(today, items, dueOn, clerkId, null);
        Status = ApplicationStatus.AwaitingCorrection;
        _events.Add(new CorrectionRequested(Id, AgencyCode, today, dueOn, items.Count));
    }

    /// <summary>INT-4: the reply period restarts from the day the corrected application is received.</summary>
    public void SubmitCorrection(DateOnly receivedOn)
    {
        RequireStatus(ApplicationStatus.AwaitingCorrection, "INT-4", "该申请不在待补正状态");
        if (receivedOn < Correction!.IssuedOn)
        {
            throw new InvalidInputException("received_on", "补正材料的收到日期不能早于补正告知之日");
        }

        Correction = Correction with { CorrectedOn = receivedOn };
        Status = ApplicationStatus.InProgress;
        _events.Add(new ApplicationCorrected(Id, AgencyCode, receivedOn));
    }

    /// <summary>INT-4: no correction by the end of its period → closed as 其他处理 1 (逾期不补正).</summary>
    public bool CloseIfCorrectionOverdue(DateOnly today)
    {
        if (Status != ApplicationStatus.AwaitingCorrection || today <= Correction!.DueOn)
        {
            return false;
        }

        Conclude(new ReplyDraft(ReplyOutcome.Other, OutcomeReason.CorrectionOverdue, "《中华人民共和国政府信息公开条例》第三十条",
            "申请人无正当理由逾期不补正，视为放弃申请，行政机关不再处理该政府信息公开申请"), today, "system", late: false, deadline: null);
        return true;
    }

    /// <summary>
    /// INT-5: one extension of at most 20 working days (profile), approved by the office head — not the clerk
    /// handling the application — with a reason, before the deadline passes.
    /// </summary>
    public void Extend(int workingDays, string reason, string approverId, bool approverIsOfficeHead, DateOnly today, DeadlineCalculator calendar)
    {
        RequireStatus(ApplicationStatus.InProgress, "INT-5", "只有办理中的申请可以延长答复期限");
        if (Extension is not null)
        {
            throw new RuleViolationException("INT-5", "答复期限只能延长一次");
        }

        if (!approverIsOfficeHead)
        {
            throw new RuleViolationException("INT-5", "延长答复期限应经政府信息公开工作机构负责人同意");
        }

        if (approverId == HandlerId)
        {
            throw new RuleViolationException("INT-5", "延长答复期限不能由承办该申请的人员本人批准");
        }

        var max = calendar.ProfileFor(AgencyCode).ExtensionMaxWorkingDays;
        if (workingDays < 1 || workingDays > max)
        {
            throw new InvalidInputException("working_days", $"延长的期限应为1至{max}个工作日");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new InvalidInputException("reason", "延长答复期限应说明理由并告知申请人");
        }

        var current = Deadline(calendar);
        if (current?.DeadlineDate is { } deadline && today > deadline)
        {
            throw new RuleViolationException("INT-5", $"答复期限已于{deadline:yyyy-MM-dd}届满，不能再延长");
        }

        Extension = new Extension(workingDays, reason, approverId, today);
        _events.Add(new DeadlineExtended(Id, AgencyCode, workingDays, Deadline(calendar)?.DeadlineDate ?? today));
    }

    /// <summary>INT-6: a suspension (中止) stops the clock until resumed; the applicant is told of each in writing.</summary>
    public void Suspend(string reason, DateOnly on)
    {
        RequireStatus(ApplicationStatus.InProgress, "INT-6", "只有办理中的申请可以中止");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new InvalidInputException("reason", "中止应说明法定事由");
        }

        if (_stops.Any(s => s.Kind == ClockStopKind.Suspension && s.IsOpen))
        {
            throw new RuleViolationException("INT-6", "该申请已经中止");
        }

        StopClock(ClockStopKind.Suspension, "suspension", reason, on);
    }

    public void Resume(DateOnly on) => ResumeClock(ClockStopKind.Suspension, "suspension", on, "INT-6");

    /// <summary>CO-6 / INT-6: time spent consulting third parties or other agencies does not count.</summary>
    public void StartConsultation(string consultationId, DateOnly on)
    {
        RequireStatus(ApplicationStatus.InProgress, "CO-6", "只有办理中的申请可以征求意见");
        if (_stops.Any(s => s.Kind == ClockStopKind.Consultation && s.Reference == consultationId))
        {
            return; // the same event delivered again
        }

        StopClock(ClockStopKind.Consultation, consultationId, "征求意见", on);
    }

    public void EndConsultation(string consultationId, DateOnly on)
    {
        if (_stops.Any(s => s.Kind == ClockStopKind.Consultation && s.Reference == consultationId && !s.IsOpen))
        {
            return; // already ended: the same event delivered again
        }

        ResumeClock(ClockStopKind.Consultation, consultationId, on, "CO-6");
    }

    /// <summary>
    /// INT-7: a fee per application (按件, by the applicant's count this month) or per volume (按量, by pages),
    /// never both. The clock stops from the notice's receipt until payment; the payment period runs from then.
    /// </summary>
    public void IssueFeeNotice(FeeMethod method, int quantity, DateOnly receivedOn, DeadlineCalculator calendar)
    {
        RequireStatus(ApplicationStatus.InProgress, "INT-7", "只有办理中的申请可以收费");
        if (Fee is not null)
        {
            throw new RuleViolationException("INT-7", "信息处理费按件或按量计收，只能选择一种且只通知一次");
        }

        var amount = method switch
        {
            FeeMethod.PerApplication => InformationProcessingFee.PerApplication(quantity),
            FeeMethod.PerVolume => InformationProcessingFee.PerVolume(quantity),
            _ => throw new InvalidInputException("method", "收费方式应为按件或按量"),
        };
        if (amount == 0)
        {
            throw new RuleViolationException("INT-7", "未达到收费标准，不应收取信息处理费");
        }

        var due = calendar.Start(AgencyCode, PeriodKind.FeePayment, receivedOn).Result.DeadlineDate!.Value;
        Fee = new FeeNotice(method, quantity, amount, receivedOn, due, null);
        StopClock(ClockStopKind.Fee, "fee", $"信息处理费{amount}元", receivedOn);
    }

    public void RecordPayment(DateOnly paidOn)
    {
        if (Fee is null || Fee.PaidOn is not null)
        {
            throw new RuleViolationException("INT-7", "没有待缴的信息处理费");
        }

        if (paidOn > Fee.PaymentDueOn)
        {
            throw new RuleViolationException("INT-7", $"缴费期限已于{Fee.PaymentDueOn:yyyy-MM-dd}届满");
        }

        Fee = Fee with { PaidOn = paidOn };
        ResumeClock(ClockStopKind.Fee, "fee", paidOn, "INT-7");
    }

    /// <summary>INT-7: unpaid by the end of the payment period → closed as 其他处理 2 (逾期未缴费).</summary>
    public bool CloseIfFeeUnpaid(DateOnly today)
    {
        if (!IsOpen || Fee is not { PaidOn: null } fee || today <= fee.PaymentDueOn)
        {
            return false;
        }

        Conclude(new ReplyDraft(ReplyOutcome.Other, OutcomeReason.FeeUnpaid, "《中华人民共和国政府信息公开条例》第四十二条",
            "申请人逾期未按收费通知要求缴纳费用，行政机关不再处理该政府信息公开申请"), today, "system", late: false, deadline: null);
        return true;
    }

    /// <summary>
    /// SR-1: a document the reply will release goes to secrecy review first; one that concerns other agencies or
    /// third parties also waits for coordination (CO-1, INT-9).
    /// </summary>
    public void AttachDocument(string documentId, string title, Classification classification, bool needsCoordination = false)
    {
        RequireStatus(ApplicationStatus.InProgress, "INT-9", "只有办理中的申请可以添加拟公开的文件");
        if (string.IsNullOrWhiteSpace(documentId) || string.IsNullOrWhiteSpace(title))
        {
            throw new InvalidInputException(string.IsNullOrWhiteSpace(documentId) ? "document_id" : "title", "不能为空");
        }

        if (_documents.Any(d => d.DocumentId == documentId))
        {
            throw new InvalidInputException("document_id", "该文件已添加");
        }

        _documents.Add(new ReleaseDocument(documentId, title, classification, ReviewVerdict.Pending, null,
            needsCoordination ? CoordinationState.Pending : CoordinationState.NotNeeded));
        _events.Add(new ReviewRequested(Id, AgencyCode, documentId, title));
    }

    /// <summary>Records what secrecy review concluded about a document (the review-concluded event).</summary>
    public void RecordReview(string documentId, ReviewVerdict verdict, Classification classification, string? releasedTextReference)
    {
        var index = _documents.FindIndex(d => d.DocumentId == documentId);
        if (index < 0)
        {
            throw new NotFoundException($"document {documentId} is not part of application {TrackingNumber}");
        }

        _documents[index] = _documents[index] with
        {
            Verdict = verdict,
            Classification = (Classification)Math.Max((int)classification, (int)_documents[index].Classification),
            ReleasedTextReference = releasedTextReference,
        };
    }

    /// <summary>INT-9: what the coordination on a document concluded (the coordination-concluded event).</summary>
    public void RecordCoordination(string documentId, bool releasePermitted)
    {
        var index = _documents.FindIndex(d => d.DocumentId == documentId);
        if (index < 0)
        {
            throw new NotFoundException($"document {documentId} is not part of application {TrackingNumber}");
        }

        _documents[index] = _documents[index] with
        {
            Coordination = releasePermitted ? CoordinationState.ReleasePermitted : CoordinationState.ReleaseRefused,
        };
    }

    /// <summary>
    /// INT-11: a request to correct records about the applicant ends corrected, or forwarded to the agency with
    /// the power to correct them, the applicant told either way.
    /// </summary>
    public void ConcludeRecordCorrection(RecordCorrectionResult result, string explanation, string? competentAgency, DateOnly on, string clerkId)
    {
        if (Request.Kind != ApplicationKind.RecordCorrection)
        {
            throw new RuleViolationException("INT-11", "该申请不是更正政府信息记录申请，应以公开答复办结");
        }

        RequireStatus(ApplicationStatus.InProgress, "INT-11", "只有办理中的更正记录申请可以办结");
        if (!Enum.IsDefined(result))
        {
            throw new InvalidInputException("result", "应选择予以更正或转送有权机关");
        }

        if (string.IsNullOrWhiteSpace(explanation))
        {
            throw new InvalidInputException("explanation", "应说明更正情况或转送理由");
        }

        if (result == RecordCorrectionResult.Forwarded && string.IsNullOrWhiteSpace(competentAgency))
        {
            throw new InvalidInputException("competent_agency", "转送的，应载明有权更正的行政机关");
        }

        foreach (var open in _stops.Where(s => s.IsOpen).ToList())
        {
            _stops[_stops.IndexOf(open)] = open with { Resumed = on };
        }

        RecordCorrection = new RecordCorrectionConclusion(result, explanation, result == RecordCorrectionResult.Forwarded ? competentAgency : null, on, clerkId);
        Status = ApplicationStatus.Replied;
    }

    /// <summary>
    /// INT-8, INT-9, INT-10: the reply. Exactly one outcome of the national taxonomy with its basis and reason;
    /// releasing anything needs every document reviewed with release permitted, none classified, and no
    /// consultation still open. A reply after the deadline is recorded as late.
    /// </summary>
    public void IssueReply(ReplyDraft draft, DateOnly repliedOn, string issuedBy, DeadlineCalculator calendar)
    {
        RequireStatus(ApplicationStatus.InProgress, "INT-8", Status == ApplicationStatus.AwaitingCorrection ? "申请待补正，尚不能答复" : "该申请不能再答复");
        if (Request.Kind != ApplicationKind.Disclosure)
        {
            throw new RuleViolationException("INT-11", "更正记录申请以更正或转送办结，不适用公开答复");
        }

        if (!OutcomeTaxonomy.IsValid(draft.Outcome, draft.Reason))
        {
            throw new InvalidInputException("reason", $"答复结果“{draft.Outcome.Chinese()}”应有且只有一项其下的具体情形");
        }

        if (string.IsNullOrWhiteSpace(draft.LegalBasis) || string.IsNullOrWhiteSpace(draft.Explanation))
        {
            throw new InvalidInputException(string.IsNullOrWhiteSpace(draft.LegalBasis) ? "legal_basis" : "explanation", "答复应载明法律依据和理由");
        }

        if (draft.Outcome is ReplyOutcome.Disclosed or ReplyOutcome.PartiallyDisclosed)
        {
            CheckReleasable(draft);
        }

        if (_stops.Any(s => s.IsOpen))
        {
            var open = _stops.First(s => s.IsOpen);
            throw new RuleViolationException(open.Kind == ClockStopKind.Consultation ? "INT-9" : "INT-6",
                $"“{open.Kind.Chinese()}”尚未结束，不能答复");
        }

        var deadline = Deadline(calendar)?.DeadlineDate;
        Conclude(draft, repliedOn, issuedBy, late: deadline is { } d && repliedOn > d, deadline);
    }

    private void CheckReleasable(ReplyDraft draft)
    {
        if (_documents.Count == 0)
        {
            if (draft.Outcome == ReplyOutcome.Disclosed && !string.IsNullOrWhiteSpace(draft.AlreadyPublishedAt))
            {
                return; // Reg. 36(1): already public, the reply says where
            }

            throw new RuleViolationException("INT-9", "公开答复应附经保密审查的文件，或告知获取已公开信息的方式和途径");
        }

        foreach (var document in _documents)
        {
            if (document.Classification != Classification.None)
            {
                throw new RuleViolationException("INT-9", $"文件“{document.Title}”标有密级（{document.Classification.Chinese()}），不得公开");
            }

            if (document.Coordination is CoordinationState.Pending or CoordinationState.ReleaseRefused)
            {
                throw new RuleViolationException("INT-9", $"文件“{document.Title}”涉及其他机关或第三方，{document.Coordination.Chinese()}，不得公开");
            }

            if (!document.PermitsRelease)
            {
                throw new RuleViolationException("INT-9", $"文件“{document.Title}”尚未经保密审查同意公开（{document.Verdict.Chinese()}）");
            }
        }

        if (draft.Outcome == ReplyOutcome.Disclosed && _documents.Any(d => d.Verdict == ReviewVerdict.Partial))
        {
            throw new RuleViolationException("INT-8", "文件经区分处理后部分公开的，答复结果应为“部分公开”");
        }
    }

    /// <summary>The applicant withdraws; the annual report counts it under 其他处理 (其他).</summary>
    public void Withdraw(DateOnly on)
    {
        if (!IsOpen)
        {
            throw new RuleViolationException("INT-8", "该申请已经办结");
        }

        Conclude(new ReplyDraft(ReplyOutcome.Other, OutcomeReason.OtherReason, "申请人撤回申请", "申请人主动撤回政府信息公开申请"),
            on, "applicant", late: false, deadline: null);
        Status = ApplicationStatus.Withdrawn;
    }

    /// <summary>
    /// INT-5, CAL-2, CAL-4: the reply deadline — from receipt, or from the corrected application's receipt
    /// (INT-4) — plus any extension, with every clock stop excluded. Null while no clock runs (unconfirmed,
    /// or awaiting correction).
    /// </summary>
    public PeriodResult? Deadline(DeadlineCalculator calendar) => ReplyClock(calendar)?.Result;

    public PeriodClock? ReplyClock(DeadlineCalculator calendar)
    {
        if (ReceivedOn is not { } received || Status == ApplicationStatus.AwaitingCorrection)
        {
            return null;
        }

        var start = Correction?.CorrectedOn ?? received;
        var profile = calendar.ProfileFor(AgencyCode);
        var stops = MergeOverlapping(_stops.Where(s => s.Stopped >= start));
        var length = profile.ReplyWorkingDays + (Extension?.WorkingDays ?? 0);
        return new PeriodClock(calendar.Calendars.Current, start, length, PeriodUnit.WorkingDays, profile.Name, stops);
    }

    /// <summary>
    /// A consultation can run during a suspension, or two consultations at once: the days they share are
    /// stopped once (CAL-4), so overlapping stops become one interval before the calendar counts.
    /// </summary>
    private static List<ClockStop> MergeOverlapping(IEnumerable<ReplyClockStop> stops)
    {
        var merged = new List<ClockStop>();
        foreach (var stop in stops.OrderBy(s => s.Stopped))
        {
            var reason = stop.Kind.Chinese();
            if (merged.Count > 0 && merged[^1] is var last && (last.Resumed is null || stop.Stopped <= last.Resumed))
            {
                var resumed = last.Resumed is null || stop.Resumed is null ? null : (DateOnly?)(stop.Resumed > last.Resumed ? stop.Resumed : last.Resumed);
                merged[^1] = last with { Resumed = resumed, Reason = last.Reason.Contains(reason, StringComparison.Ordinal) ? last.Reason : $"{last.Reason}、{reason}" };
            }
            else
            {
                merged.Add(new ClockStop(stop.Stopped, stop.Resumed, reason));
            }
        }

        return merged;
    }

    /// <summary>
    /// INT-10: what the monitor does on a day — a warning inside the profile's window, a breach (once) when the
    /// deadline has passed with no reply. Returns the events it recorded.
    /// </summary>
    public IReadOnlyList<IntakeEvent> CheckTimeliness(DateOnly today, DeadlineCalculator calendar, int? warningWorkingDays = null)
    {
        var recorded = new List<IntakeEvent>();
        if (Status != ApplicationStatus.InProgress || ReplyClock(calendar) is not { Result.DeadlineDate: { } deadline } clock)
        {
            return recorded;
        }

        if (today > deadline)
        {
            if (!BreachReported)
            {
                BreachReported = true;
                recorded.Add(new DeadlineBreached(Id, AgencyCode, TrackingNumber, deadline, HandlerId ?? ""));
            }
        }
        else if (IsWarningDue(clock, today, calendar, warningWorkingDays))
        {
            recorded.Add(new DeadlineApproaching(Id, AgencyCode, deadline, clock.DaysLeftOn(today)));
        }

        _events.AddRange(recorded);
        return recorded;
    }

    /// <summary>INT-10: inside the warning window — the profile's, or the operator's configured number of working days.</summary>
    public bool IsWarningDue(PeriodClock clock, DateOnly today, DeadlineCalculator calendar, int? warningWorkingDays = null)
    {
        var profile = calendar.ProfileFor(AgencyCode);
        return DeadlineCalculator.IsWarningDue(clock, warningWorkingDays is { } days ? profile with { DeadlineWarningWorkingDays = days } : profile, today);
    }

    private void Conclude(ReplyDraft draft, DateOnly on, string by, bool late, DateOnly? deadline)
    {
        foreach (var open in _stops.Where(s => s.IsOpen).ToList())
        {
            _stops[_stops.IndexOf(open)] = open with { Resumed = on };
        }

        Reply = new Reply(draft.Outcome, draft.Reason, draft.LegalBasis, draft.Explanation, draft.DeliveredForm, draft.CompetentAgency, on, late, by);
        Status = ApplicationStatus.Replied;
        _events.Add(new ReplyIssued(Id, AgencyCode, TrackingNumber, Applicant.Type, draft.Outcome, draft.Reason, draft.LegalBasis,
            ReceivedOn ?? SubmittedOn, deadline, on, late));
    }

    private void StopClock(ClockStopKind kind, string reference, string reason, DateOnly on)
    {
        if (ReceivedOn is { } received && on < received)
        {
            throw new InvalidInputException("on", "中止计算的日期不能早于收到申请之日");
        }

        _stops.Add(new ReplyClockStop(kind, reference, reason, on, null));
        _events.Add(new ClockStopped(Id, AgencyCode, kind, reference, on));
    }

    private void ResumeClock(ClockStopKind kind, string reference, DateOnly on, string ruleId)
    {
        var index = _stops.FindIndex(s => s.Kind == kind && s.Reference == reference && s.IsOpen);
        if (index < 0)
        {
            throw new RuleViolationException(ruleId, $"没有进行中的“{kind.Chinese()}”");
        }

        if (on < _stops[index].Stopped)
        {
            throw new InvalidInputException("on", "恢复计算的日期不能早于中止之日");
        }

        _stops[index] = _stops[index] with { Resumed = on };
        _events.Add(new ClockResumed(Id, AgencyCode, kind, reference, on));
    }

    private void RequireStatus(ApplicationStatus expected, string ruleId, string message)
    {
        if (Status != expected)
        {
            throw new RuleViolationException(ruleId, message);
        }
    }
}
