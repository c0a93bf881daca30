namespace Ogi.Intake.Persistence;

/// <summary>
/// One application: the columns the monitor, the lists and the fee counts query, and the whole aggregate
/// as a JSON document (<see cref="State"/>). Personal data lives only in the document.
/// </summary>
public sealed class ApplicationRow
{
    public Guid Id { get; set; }

    public required string AgencyCode { get; set; }

    public required string TrackingNumber { get; set; }

    /// <summary>The provincial platform (system client id) that submitted it; with <see cref="RequestId"/>, unique.</summary>
    public required string SubmittedBy { get; set; }

    public required string RequestId { get; set; }

    /// <summary>SHA-256 of the applicant's verification code (INT-12); the code itself is shown once.</summary>
    public required byte[] VerificationCodeHash { get; set; }

    /// <summary>Keyed hash of the applicant's document number: counts per applicant per month (INT-7) without storing it in an index.</summary>
    public required byte[] ApplicantKey { get; set; }

    public required string Status { get; set; }

    public required string ApplicantType { get; set; }

    public DateOnly SubmittedOn { get; set; }

    public DateOnly? ReceivedOn { get; set; }

    /// <summary>The current reply deadline (denormalised for the monitor's index); null while no clock runs or paused.</summary>
    public DateOnly? Deadline { get; set; }

    public DateOnly? RepliedOn { get; set; }

    /// <summary>
    /// INT-4, INT-7, INT-10: the next legal date the deadline monitor must look at this application (a warning, a
    /// breach, an overdue correction or fee); null when nothing can fall due without another change first.
    /// </summary>
    public DateOnly? MonitorDueOn { get; set; }

    public string? Outcome { get; set; }

    public required string State { get; set; }

    /// <summary>Optimistic concurrency: every save increments it; a stale save fails.</summary>
    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>INT-3: the last tracking number handed out per agency and year.</summary>
public sealed class TrackingSequence
{
    public required string AgencyCode { get; set; }

    public int Year { get; set; }

    public long LastValue { get; set; }
}
