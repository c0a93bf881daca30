using Ogi.BuildingBlocks.Domain;

namespace Ogi.Intake.Domain;

public enum ApplicationStatus
{
    /// <summary>INT-2: received, date of receipt not yet confirmed; no clock runs.</summary>
    [Label("已收到待确认")] ReceivedUnconfirmed = 1,
    [Label("办理中")] InProgress = 2,
    [Label("待补正")] AwaitingCorrection = 3,
    [Label("已答复")] Replied = 4,
    [Label("已撤回")] Withdrawn = 5,
}

/// <summary>Why the reply clock stands still (INT-6, INT-7, CO-6).</summary>
public enum ClockStopKind
{
    [Label("征求第三方或其他机关意见")] Consultation = 1,
    [Label("中止")] Suspension = 2,
    [Label("缴纳信息处理费")] Fee = 3,
}

/// <summary>One stop of the reply clock: stopped on a day, resumed on a later one (CAL-4 decides what that excludes).</summary>
public sealed record ReplyClockStop(ClockStopKind Kind, string Reference, string Reason, DateOnly Stopped, DateOnly? Resumed)
{
    public bool IsOpen => Resumed is null;
}

/// <summary>INT-4: the one notice listing every item to correct, with the period the applicant has.</summary>
public sealed record CorrectionNotice(DateOnly IssuedOn, IReadOnlyList<string> Items, DateOnly DueOn, string IssuedBy, DateOnly? CorrectedOn);

/// <summary>INT-5: the one extension, approved by the office head with a reason the applicant is told in writing.</summary>
public sealed record Extension(int WorkingDays, string Reason, string ApprovedBy, DateOnly ApprovedOn);

/// <summary>INT-7: the fee notice; the clock stops from its receipt until payment.</summary>
public sealed record FeeNotice(FeeMethod Method, int Quantity, decimal Amount, DateOnly ReceivedOn, DateOnly PaymentDueOn, DateOnly? PaidOn);

/// <summary>SR-4 levels of a classification mark.</summary>
public enum Classification
{
    [Label("无")] None = 0,
    [Label("秘密")] Secret = 1,
    [Label("机密")] Confidential = 2,
    [Label("绝密")] TopSecret = 3,
}

/// <summary>What secrecy review concluded about a document (SR-3), as intake needs it.</summary>
public enum ReviewVerdict
{
    [Label("待审查")] Pending = 0,
    [Label("公开")] Public = 1,
    [Label("部分公开")] Partial = 2,
    [Label("不予公开")] Withheld = 3,
}

/// <summary>INT-9, CO-*: where the coordination on a document that concerns other agencies or third parties stands.</summary>
public enum CoordinationState
{
    [Label("无需协调")] NotNeeded = 0,
    [Label("协调中")] Pending = 1,
    [Label("协调同意公开")] ReleasePermitted = 2,
    [Label("协调不同意公开")] ReleaseRefused = 3,
}

/// <summary>
/// A document the reply will release; it is released only after a review that permits it and, when it concerns
/// other agencies or third parties, a coordination that permits it (INT-9).
/// </summary>
public sealed record ReleaseDocument(string DocumentId, string Title, Classification Classification, ReviewVerdict Verdict, string? ReleasedTextReference,
    CoordinationState Coordination = CoordinationState.NotNeeded)
{
    public bool PermitsRelease => Classification == Classification.None && Verdict is ReviewVerdict.Public or ReviewVerdict.Partial
        && Coordination is CoordinationState.NotNeeded or CoordinationState.ReleasePermitted;
}

/// <summary>INT-11: how a request to correct records ended: corrected, or forwarded to the competent agency.</summary>
public enum RecordCorrectionResult
{
    [Label("予以更正")] Corrected = 1,
    [Label("转送有权更正的行政机关处理")] Forwarded = 2,
}

/// <summary>INT-11: the conclusion of a request to correct records, told to the applicant.</summary>
public sealed record RecordCorrectionConclusion(RecordCorrectionResult Result, string Explanation, string? CompetentAgency, DateOnly ConcludedOn, string ConcludedBy);

/// <summary>INT-8: the reply, with exactly one outcome of the national taxonomy, its basis, reason and delivered form.</summary>
public sealed record Reply(
    ReplyOutcome Outcome,
    OutcomeReason Reason,
    string LegalBasis,
    string Explanation,
    RequestedForm? DeliveredForm,
    string? CompetentAgency,
    DateOnly RepliedOn,
    bool Late,
    string IssuedBy);

/// <summary>What a reply says, before the rules check it.</summary>
public sealed record ReplyDraft(
    ReplyOutcome Outcome,
    OutcomeReason Reason,
    string LegalBasis,
    string Explanation,
    RequestedForm? DeliveredForm = null,
    string? CompetentAgency = null,
    string? AlreadyPublishedAt = null);
