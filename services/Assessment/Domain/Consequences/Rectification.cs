using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Domain.Consequences;

/// <summary>Why a unit must rectify.</summary>
public enum RectificationOrigin
{
    /// <summary>AS-6: graded 不合格 in the annual assessment.</summary>
    [Label("年度考核不合格")] FailedAssessment,

    /// <summary>AS-7: problems found by a social evaluation.</summary>
    [Label("社会评议发现问题")] SocialEvaluationProblem,
}

/// <summary>What the competent department does when a unit is still short after rectification (AS-6, AS-7).</summary>
public enum AccountabilityMeasure
{
    [Label("通报批评")] CirculatedCriticism,
    [Label("约谈")] Interview,
}

/// <summary>The report is overdue: no written rectification report by the end of its due date (AS-6, AS-7).</summary>
public sealed record RectificationOverdue(Guid RectificationId, string AgencyCode, RectificationOrigin Origin, Guid SourceId,
    DateOnly NoticeDate, DateOnly DueDate, DateOnly DetectedOn) : IAssessmentEvent;

/// <summary>Still short after rectification: an accountability case with the measure to apply (AS-6 约谈; AS-7 通报批评 or 约谈).</summary>
public sealed record RectificationInadequate(Guid RectificationId, string AgencyCode, RectificationOrigin Origin, Guid SourceId,
    AccountabilityMeasure Measure, string Reason, string DecidedBy, DateTimeOffset DecidedAt) : IAssessmentEvent;

/// <summary>
/// A unit's duty to file a written rectification report by a due date computed with the calendar, the report, and the
/// competent department's conclusion on it (AS-6, AS-7).
/// </summary>
public sealed class Rectification
{
    private readonly List<IAssessmentEvent> _events = [];

    public Rectification(Guid id, string agencyCode, RectificationOrigin origin, Guid sourceId, string problems, RectificationDeadline deadline)
    {
        if (string.IsNullOrWhiteSpace(agencyCode))
        {
            throw new InvalidInputException("agency_code", "a rectification names the unit that must rectify");
        }

        if (string.IsNullOrWhiteSpace(problems))
        {
            throw new InvalidInputException("problems", "a rectification says what must be rectified");
        }

        Id = id;
        AgencyCode = agencyCode;
        Origin = origin;
        SourceId = sourceId;
        Problems = problems;
        Deadline = deadline;
    }

    public Guid Id { get; }

    public string AgencyCode { get; }

    public RectificationOrigin Origin { get; }

    /// <summary>The assessment or social-evaluation campaign that required it.</summary>
    public Guid SourceId { get; }

    public string Problems { get; }

    public RectificationDeadline Deadline { get; }

    public DateOnly? ReportFiledOn { get; private set; }

    public string? Report { get; private set; }

    public bool? Adequate { get; private set; }

    public IReadOnlyList<IAssessmentEvent> Events => _events;

    private string RuleId => Origin == RectificationOrigin.FailedAssessment ? "AS-6" : "AS-7";

    /// <summary>
    /// Pure: whether, on <paramref name="day"/>, the report is overdue — the due date has passed (the day after the 20th
    /// working day) and no report had been filed by that day.
    /// </summary>
    public bool IsOverdueOn(DateOnly day) => day > Deadline.DueDate && (ReportFiledOn is null || ReportFiledOn > day);

    /// <summary>Whether the report was filed after its due date.</summary>
    public bool FiledLate => ReportFiledOn > Deadline.DueDate;

    /// <summary>Run daily: the first day the report is overdue emits <see cref="RectificationOverdue"/>, once.</summary>
    public void CheckOverdue(DateOnly today)
    {
        if (IsOverdueOn(today) && !_events.OfType<RectificationOverdue>().Any())
        {
            _events.Add(new RectificationOverdue(Id, AgencyCode, Origin, SourceId, Deadline.NoticeDate, Deadline.DueDate, today));
        }
    }

    /// <summary>Records the written report (a late one is accepted and shows as late).</summary>
    public void FileReport(DateOnly filedOn, string report)
    {
        if (ReportFiledOn is not null)
        {
            throw new RuleViolationException(RuleId, $"the rectification report of {AgencyCode} was already filed on {ReportFiledOn:yyyy-MM-dd}");
        }

        if (filedOn < Deadline.NoticeDate)
        {
            throw new InvalidInputException("filed_on", $"a report cannot be filed before its notice of {Deadline.NoticeDate:yyyy-MM-dd}");
        }

        if (string.IsNullOrWhiteSpace(report))
        {
            throw new InvalidInputException("report", "the rectification report is written");
        }

        ReportFiledOn = filedOn;
        Report = report;
    }

    /// <summary>
    /// The competent department's conclusion on the report. Still short → an accountability case: 约谈 for a failed
    /// assessment (AS-6, 第十一条), 通报批评 or 约谈 for social-evaluation problems (AS-7, 社会评议办法 第九条).
    /// </summary>
    public void Conclude(bool meetsRequirements, AccountabilityMeasure? measure, string reason, string decidedBy, DateTimeOffset decidedAt)
    {
        if (ReportFiledOn is null)
        {
            throw new RuleViolationException(RuleId, $"{AgencyCode} has filed no rectification report to conclude on");
        }

        if (Adequate is not null)
        {
            throw new RuleViolationException(RuleId, $"the rectification of {AgencyCode} is already concluded");
        }

        if (string.IsNullOrWhiteSpace(decidedBy))
        {
            throw new InvalidInputException("decided_by", "a conclusion names who decided");
        }

        if (meetsRequirements)
        {
            Adequate = true;
            return;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new InvalidInputException("reason", "a unit found still short is told why");
        }

        var chosen = Origin == RectificationOrigin.FailedAssessment
            ? measure is null or AccountabilityMeasure.Interview
                ? AccountabilityMeasure.Interview
                : throw new RuleViolationException("AS-6", "a unit still short after rectifying a failed assessment is interviewed (约谈), seed 004 第十一条")
            : measure ?? throw new InvalidInputException("measure", "choose 通报批评 or 约谈 for a unit still short after social-evaluation rectification");

        Adequate = false;
        _events.Add(new RectificationInadequate(Id, AgencyCode, Origin, SourceId, chosen, reason, decidedBy, decidedAt));
    }
}
