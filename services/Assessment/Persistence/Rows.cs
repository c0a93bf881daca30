namespace Ogi.Assessment.Persistence;

/// <summary>A yearly scheme (AS-1): its queryable columns and the indicator tree, weights and thresholds as JSON.</summary>
public sealed class SchemeRow
{
    public Guid Id { get; set; }

    public int Year { get; set; }

    public required string Level { get; set; }

    public required string OrganiserAgencyCode { get; set; }

    public bool Frozen { get; set; }

    public required string Document { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// One year's assessment (AS-3): the current step for lists, and the ordered log of what was done, which replays
/// through <see cref="Domain.Procedure.AnnualAssessment"/> so every rule is checked again on load.
/// </summary>
public sealed class AssessmentRow
{
    public Guid Id { get; set; }

    public Guid SchemeId { get; set; }

    public int Year { get; set; }

    public required string Level { get; set; }

    public required string OrganiserAgencyCode { get; set; }

    public required string CurrentStep { get; set; }

    public required string Log { get; set; }

    public int Version { get; set; }
}

/// <summary>A social-evaluation campaign (AS-7), stored like an assessment: columns plus a replayed log.</summary>
public sealed class CampaignRow
{
    public Guid Id { get; set; }

    public int Year { get; set; }

    public required string OrganiserAgencyCode { get; set; }

    public required string CurrentStep { get; set; }

    public required string Log { get; set; }

    public int Version { get; set; }
}

/// <summary>A rectification owed by a unit (AS-6, AS-7) with its due date, report, conclusion and overdue report.</summary>
public sealed class RectificationRow
{
    public Guid Id { get; set; }

    public required string AgencyCode { get; set; }

    public required string Origin { get; set; }

    public Guid SourceId { get; set; }

    public required string Problems { get; set; }

    public DateOnly NoticeDate { get; set; }

    public DateOnly DueDate { get; set; }

    public bool Provisional { get; set; }

    public required string CalendarVersion { get; set; }

    public required string ProfileName { get; set; }

    public DateOnly? ReportFiledOn { get; set; }

    public string? Report { get; set; }

    public bool? Adequate { get; set; }

    public string? Measure { get; set; }

    public string? ConclusionReason { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The day RectificationOverdue was emitted; set once, so it is emitted once.</summary>
    public DateOnly? OverdueReportedOn { get; set; }

    public int Version { get; set; }
}

/// <summary>An agency's annual report for a year (AS-8): what staff enter; table 三 comes from the read model.</summary>
public sealed class AnnualReportRow
{
    public required string AgencyCode { get; set; }

    public int Year { get; set; }

    /// <summary>JSON of the report text (一、五、六), null until written.</summary>
    public string? Text { get; set; }

    /// <summary>JSON of table 二, null until entered.</summary>
    public string? Table2 { get; set; }

    /// <summary>JSON of staff corrections to table 三 cells (row, column, value), applied over the computed table.</summary>
    public required string Table3Corrections { get; set; }

    public DateOnly? PublishedOn { get; set; }

    /// <summary>Table 三 as published (JSON rows × columns): a published report no longer changes.</summary>
    public string? PublishedTable3 { get; set; }

    public int Version { get; set; }
}

/// <summary>One reconsideration or lawsuit counted in table 四 of a report year.</summary>
public sealed class ReviewCaseRow
{
    public required string AgencyCode { get; set; }

    public int Year { get; set; }

    public required string CaseReference { get; set; }

    public required string Proceeding { get; set; }

    public required string Result { get; set; }
}
