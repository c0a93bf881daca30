using Ogi.Accountability.Domain.Measures;
using Ogi.Accountability.Domain.Responsibility;

namespace Ogi.Accountability.Domain.Cases;

/// <summary>A case as one value: persistence stores it as a document beside the columns queries need.</summary>
public sealed record CaseSnapshot(
    Guid Id,
    CaseSource Source,
    UnitRef Unit,
    DateOnly OpenedOn,
    AccountabilityProfile Profile,
    CaseStatus Status,
    string? ReporterTrackingCode,
    string? Summary,
    DateOnly? AcceptanceDue,
    DateOnly? AcceptedOn,
    string? DeclineReasons,
    CaseRouting? Routing,
    IReadOnlyList<PersonRef> Investigators,
    IReadOnlyList<EvidenceRecord> Evidence,
    IReadOnlyList<DefenceRecord> Defences,
    CaseFacts? Facts,
    IReadOnlyList<PersonResponsibility> Responsibilities,
    MeasuresProposal? Proposal,
    AccountabilityDecided? Decision,
    string? DismissalReasons,
    IReadOnlyList<DecisionNotice> Notices,
    IReadOnlyList<Appeal> Appeals,
    DateOnly? RectificationDue,
    DateOnly? RectificationReportedOn,
    string? RectificationReport,
    DateOnly? EscalatedOn);
