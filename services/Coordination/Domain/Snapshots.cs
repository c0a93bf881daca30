using Ogi.BuildingBlocks.Calendar;

namespace Ogi.Coordination.Domain;

/// <summary>A coordination as stored (the service keeps it as one JSON document); <see cref="ReleaseCoordination.Restore"/> reads it back.</summary>
public sealed record ReleaseCoordinationSnapshot(
    Guid Id,
    string ReleasingAgencyCode,
    CoordinationItem Item,
    string FullDraft,
    bool Urgent,
    DateOnly OpenedOn,
    string OpenedBy,
    CoordinationStatus Status,
    IReadOnlyList<CoordinationLetter> Letters,
    string? EscalatedTo,
    BindingDecision? Decision,
    CoordinationConclusion? Conclusion,
    DateOnly? ConsultationEndedOn);

/// <summary>A third-party consultation as stored; <see cref="ThirdPartyConsultation.Restore"/> reads it back.</summary>
public sealed record ThirdPartyConsultationSnapshot(
    Guid Id,
    string AgencyCode,
    CoordinationItem Item,
    ThirdParty ThirdParty,
    string NoticeContent,
    DateOnly SentOn,
    PeriodResult Period,
    CoordinationStatus Status,
    ThirdPartyAnswer? Answer,
    bool Lapsed,
    CoordinationConclusion? Conclusion,
    PublicInterestNotice? Notice);
