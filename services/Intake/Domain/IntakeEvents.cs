namespace Ogi.Intake.Domain;

/// <summary>
/// What happened to an application, for the service layer to publish (domain.md §7). None carries personal
/// data: applicants appear only by their type (the annual report's column).
/// </summary>
public abstract record IntakeEvent(Guid ApplicationId, string AgencyCode);

public sealed record ApplicationRegistered(Guid ApplicationId, string AgencyCode, string TrackingNumber, ApplicantType ApplicantType, DateOnly ReceivedOn)
    : IntakeEvent(ApplicationId, AgencyCode);

public sealed record CorrectionRequested(Guid ApplicationId, string AgencyCode, DateOnly IssuedOn, DateOnly DueOn, int Items)
    : IntakeEvent(ApplicationId, AgencyCode);

public sealed record ApplicationCorrected(Guid ApplicationId, string AgencyCode, DateOnly CorrectedOn)
    : IntakeEvent(ApplicationId, AgencyCode);

public sealed record ClockStopped(Guid ApplicationId, string AgencyCode, ClockStopKind Kind, string Reference, DateOnly On)
    : IntakeEvent(ApplicationId, AgencyCode);

public sealed record ClockResumed(Guid ApplicationId, string AgencyCode, ClockStopKind Kind, string Reference, DateOnly On)
    : IntakeEvent(ApplicationId, AgencyCode);

public sealed record DeadlineExtended(Guid ApplicationId, string AgencyCode, int WorkingDays, DateOnly NewDeadline)
    : IntakeEvent(ApplicationId, AgencyCode);

/// <summary>To secrecy-review, per document (SR-1).</summary>
public sealed record ReviewRequested(Guid ApplicationId, string AgencyCode, string DocumentId, string Title)
    : IntakeEvent(ApplicationId, AgencyCode);

/// <summary>INT-13: the decision event county systems and assessment read.</summary>
public sealed record ReplyIssued(
    Guid ApplicationId,
    string AgencyCode,
    string TrackingNumber,
    ApplicantType ApplicantType,
    ReplyOutcome Outcome,
    OutcomeReason Reason,
    string LegalBasis,
    DateOnly ReceivedOn,
    DateOnly? Deadline,
    DateOnly RepliedOn,
    bool Late)
    : IntakeEvent(ApplicationId, AgencyCode);

/// <summary>INT-10: a configurable number of working days before the deadline.</summary>
public sealed record DeadlineApproaching(Guid ApplicationId, string AgencyCode, DateOnly Deadline, int WorkingDaysLeft)
    : IntakeEvent(ApplicationId, AgencyCode);

/// <summary>INT-10: the deadline passed with no reply; opens an accountability case (AC-1).</summary>
public sealed record DeadlineBreached(Guid ApplicationId, string AgencyCode, string TrackingNumber, DateOnly Deadline, string HandlerId)
    : IntakeEvent(ApplicationId, AgencyCode);
