namespace Ogi.Coordination.Domain;

/// <summary>
/// What happened, for the service layer to publish (domain.md §7). <see cref="SubjectId"/> is the coordination,
/// third-party consultation or inconsistency report; <see cref="AgencyCode"/> the agency it belongs to.
/// No personal data: a third party appears only by its opaque reference.
/// </summary>
public abstract record CoordinationEvent(Guid SubjectId, string AgencyCode);

/// <summary>CO-1: letters went out, one per agency concerned, each with its deadline.</summary>
public sealed record CoordinationOpened(Guid SubjectId, string AgencyCode, ItemSource Source, string ItemReference, IReadOnlyList<LetterSent> Letters)
    : CoordinationEvent(SubjectId, AgencyCode);

public sealed record LetterSent(string AgencyCode, LetterKind Kind, DateOnly DueOn);

/// <summary>
/// CO-6 to intake: its reply clock stops from this day (the day itself still counts, CAL-4: S &lt; d ≤ R are excluded).
/// </summary>
public sealed record ConsultationStarted(Guid SubjectId, string AgencyCode, ItemSource Source, string ItemReference, DateOnly StartedOn)
    : CoordinationEvent(SubjectId, AgencyCode);

/// <summary>CO-6 to intake: its reply clock restarts after this day.</summary>
public sealed record ConsultationEnded(Guid SubjectId, string AgencyCode, ItemSource Source, string ItemReference, DateOnly EndedOn)
    : CoordinationEvent(SubjectId, AgencyCode);

/// <summary>An agency concerned answered in writing, within its period (CO-3); lapses come as <see cref="LetterLapsed"/>.</summary>
public sealed record LetterAnswered(Guid SubjectId, string AgencyCode, string AnsweringAgencyCode, AnswerKind Kind, DateOnly AnsweredOn)
    : CoordinationEvent(SubjectId, AgencyCode);

/// <summary>A letter's period ran out with no answer: deemed consent (Reg. 34) or lapsed (an overdue reply).</summary>
public sealed record LetterLapsed(Guid SubjectId, string AgencyCode, string SilentAgencyCode, LetterStatus Status, DateOnly DueOn)
    : CoordinationEvent(SubjectId, AgencyCode);

/// <summary>CO-3: the releasing agency asked the competent department at its level for a coordination decision.</summary>
public sealed record CoordinationEscalated(Guid SubjectId, string AgencyCode, string DepartmentCode, DateOnly EscalatedOn)
    : CoordinationEvent(SubjectId, AgencyCode);

/// <summary>CO-3: the competent department's binding decision, a decision event sent to every party.</summary>
public sealed record BindingDecisionIssued(
    Guid SubjectId,
    string AgencyCode,
    string DepartmentCode,
    IReadOnlyList<string> Parties,
    bool ReleasePermitted,
    string DecisionText,
    DateOnly DecidedOn)
    : CoordinationEvent(SubjectId, AgencyCode);

/// <summary>To intake and secrecy-review: the item may or may not be released, and why (INT-9, SR-8).</summary>
public sealed record CoordinationConcluded(
    Guid SubjectId,
    string AgencyCode,
    ItemSource Source,
    string ItemReference,
    CoordinationOutcome Outcome,
    bool ReleasePermitted,
    IReadOnlyList<string> RequiredChanges,
    DateOnly ConcludedOn)
    : CoordinationEvent(SubjectId, AgencyCode);

/// <summary>CO-4: the written notice to the third party was issued (its text stays in the consultation).</summary>
public sealed record PublicInterestNoticeIssued(Guid SubjectId, string AgencyCode, string ThirdPartyReference, DateOnly IssuedOn)
    : CoordinationEvent(SubjectId, AgencyCode);

/// <summary>CO-7 to accountability: published information inconsistent between agencies, routed for handling.</summary>
public sealed record InconsistencyReported(
    Guid SubjectId,
    string AgencyCode,
    IReadOnlyList<string> PublishingAgencies,
    InconsistencyRoute Route,
    string RoutedToCode,
    ReporterKind Reporter,
    DateOnly ReportedOn)
    : CoordinationEvent(SubjectId, AgencyCode);
