namespace Ogi.Assessment.ReadModel;

/// <summary>
/// What the annual report and the measured indicators need of one application (AS-4, AS-8), fed by intake's events.
/// No personal data: the applicant appears only as the table 三 column.
/// </summary>
public sealed class ApplicationFactRow
{
    public Guid ApplicationId { get; set; }

    public required string AgencyCode { get; set; }

    public string? TrackingNumber { get; set; }

    /// <summary>Column of table 三 (0–5, <see cref="Domain.AnnualReport.ApplicantType"/>).</summary>
    public short ApplicantType { get; set; }

    public DateOnly? ReceivedOn { get; set; }

    public DateOnly? Deadline { get; set; }

    public bool Suspended { get; set; }

    public DateOnly? RepliedOn { get; set; }

    /// <summary>The table 三 row of the reply's outcome and sub-reason.</summary>
    public short? OutcomeRow { get; set; }

    public bool? Late { get; set; }

    public DateOnly? BreachedOn { get; set; }
}

/// <summary>
/// Table 三 counts maintained by the handlers, per agency, year, row and applicant column: row 0 counts applications
/// received in the year, outcome rows count replies given in the year. Carried over and carried forward follow from
/// them, so a report reads a few hundred rows whatever the number of applications.
/// </summary>
public sealed class Table3CountRow
{
    public required string AgencyCode { get; set; }

    public int Year { get; set; }

    public short Row { get; set; }

    public short ApplicantType { get; set; }

    public long Count { get; set; }
}

/// <summary>A release recorded by secrecy review (reviewed or not; proactive items within their 20 working days or not).</summary>
public sealed class ReleaseFactRow
{
    public required string ItemId { get; set; }

    public required string AgencyCode { get; set; }

    public bool Proactive { get; set; }

    public bool Reviewed { get; set; }

    public DateOnly ReleasedOn { get; set; }

    public DateOnly? PublicationDeadline { get; set; }

    public bool WithinPeriod { get; set; }
}

/// <summary>A coordination letter an agency answered, or let lapse, with its due date.</summary>
public sealed class LetterFactRow
{
    public required string CoordinationId { get; set; }

    /// <summary>The agency that was asked (answered or stayed silent).</summary>
    public required string AgencyCode { get; set; }

    public DateOnly DueOn { get; set; }

    public DateOnly? AnsweredOn { get; set; }

    public bool OnTime { get; set; }
}

/// <summary>A public complaint about an agency answered by the accountability service.</summary>
public sealed class ComplaintFactRow
{
    public required string CaseId { get; set; }

    public required string AgencyCode { get; set; }

    public DateOnly DueOn { get; set; }

    public DateOnly AnsweredOn { get; set; }

    public bool OnTime { get; set; }
}

/// <summary>An accountability decision about a unit, shown beside its numbers.</summary>
public sealed class AccountabilityDecisionRow
{
    public required string CaseId { get; set; }

    public required string AgencyCode { get; set; }

    public required string Violation { get; set; }

    public DateOnly DecidedOn { get; set; }
}
