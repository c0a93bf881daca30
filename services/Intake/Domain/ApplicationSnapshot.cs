namespace Ogi.Intake.Domain;

/// <summary>
/// Everything an application knows, as one value: persistence stores it as a document beside the
/// columns that queries need, and restores the aggregate from it.
/// </summary>
public sealed record ApplicationSnapshot(
    Guid Id,
    string AgencyCode,
    string TrackingNumber,
    string RequestId,
    Applicant Applicant,
    RequestDetails Request,
    DateOnly SubmittedOn,
    ApplicationStatus Status,
    DateOnly? ReceivedOn,
    string? HandlerId,
    CorrectionNotice? Correction,
    Extension? Extension,
    FeeNotice? Fee,
    Reply? Reply,
    bool BreachReported,
    IReadOnlyList<ReplyClockStop> Stops,
    IReadOnlyList<ReleaseDocument> Documents,
    RecordCorrectionConclusion? RecordCorrection = null);
