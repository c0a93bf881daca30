using Ogi.BuildingBlocks.Domain;
namespace Ogi.SecrecyReview.Domain.Reviews;

/// <summary>How the reviewer resolved an automatic finding (SR-7).</summary>
public enum FindingDisposition
{
    [Label("保留并说明理由")] Kept,
    [Label("作遮盖处理")] Redacted,
}

public sealed record FindingResolution(FindingDisposition Disposition, string Justification, string ResolvedBy, DateTimeOffset ResolvedAt);

/// <summary>解密手续 (SR-4, seed 001 第十一条): who declassified, when, by which document.</summary>
public sealed record Declassification(string Authority, DateOnly DecidedOn, string DocumentNumber);

/// <summary>The competent authority's determination on an escalated item (SR-5, seed 001 第十条).</summary>
public sealed record ClassificationDetermination(string Authority, DateOnly DecidedOn, string DocumentNumber, bool IsStateSecret);

/// <summary>A co-producing unit's written answer (SR-8), arriving from coordination (CO-1).</summary>
public sealed record CoProducerConsent(string CoProducer, bool Consents, string WrittenReference, DateTimeOffset RecordedAt);

/// <summary>SR-9: publication deferred for a superior's review, approved by the head, at most 30 working days in all.</summary>
public sealed record PublicationDeferral(string ApprovedByHead, int WorkingDays, DateOnly DeferredUntil, string Reason, DateTimeOffset RecordedAt)
{
    public const int MaxWorkingDays = 30;
}

/// <summary>Where a review stands.</summary>
public enum ReviewStatus
{
    [Label("待分配")] AwaitingAssignment,
    [Label("审查中")] InReview,
    [Label("报审待定")] AwaitingDetermination,
    [Label("待领导审批")] AwaitingApproval,
    [Label("已办结")] Concluded,
    [Label("已解密，需重新审查")] Superseded,
}
