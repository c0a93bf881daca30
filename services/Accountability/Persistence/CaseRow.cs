namespace Ogi.Accountability.Persistence;

/// <summary>
/// One case: the columns the lists, the acceptance queue (AC-3) and the rectification watch (AC-11) query, and the
/// whole aggregate as a JSON document (<see cref="State"/>).
/// </summary>
public sealed class CaseRow
{
    public Guid Id { get; set; }

    /// <summary>AC-1: one source, one case (unique).</summary>
    public required string CaseKey { get; set; }

    public required string SourceKind { get; set; }

    public required string Status { get; set; }

    public required string UnitCode { get; set; }

    /// <summary>AC-4: the level above the unit; staff of this agency handle (and see) the case.</summary>
    public required string HandlingAgencyCode { get; set; }

    /// <summary>AC-1: complaints only; unique.</summary>
    public string? TrackingCode { get; set; }

    /// <summary>The provincial platform that filed a complaint.</summary>
    public string? FiledBy { get; set; }

    public DateOnly OpenedOn { get; set; }

    /// <summary>AC-3: the last day to accept or decline a complaint.</summary>
    public DateOnly? AcceptanceDue { get; set; }

    public DateOnly? RectificationDue { get; set; }

    public DateOnly? RectificationReportedOn { get; set; }

    public DateOnly? EscalatedOn { get; set; }

    public required string State { get; set; }

    /// <summary>Optimistic concurrency: every save increments it; a stale save fails.</summary>
    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>AC-12: one unit's or person's entry for one decided case.</summary>
public sealed class RecordRow
{
    public Guid CaseId { get; set; }

    /// <summary>"unit" or "person".</summary>
    public required string SubjectKind { get; set; }

    /// <summary>The unit's agency code or the person's pseudonymous reference.</summary>
    public required string SubjectKey { get; set; }

    public string? UnitName { get; set; }

    public required string Violation { get; set; }

    public required string Severity { get; set; }

    public bool DirectResponsibility { get; set; }

    public DateOnly OccurredOn { get; set; }

    public DateOnly DecidedOn { get; set; }

    public required string[] Measures { get; set; }

    public bool Revoked { get; set; }
}

/// <summary>A unit an assessment graded 不合格 (AS-6), kept to follow up a second failure.</summary>
public sealed class FailedAssessmentRow
{
    public required string AssessmentId { get; set; }

    public required string AgencyCode { get; set; }

    public int Year { get; set; }

    public required string Level { get; set; }
}
