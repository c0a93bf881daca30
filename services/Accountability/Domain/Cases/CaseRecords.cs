using Ogi.BuildingBlocks.Domain;
using Ogi.Accountability.Domain.Measures;

namespace Ogi.Accountability.Domain.Cases;

public enum CaseStatus
{
    [Label("已登记")]
    Registered,

    [Label("不予受理")]
    Declined,

    [Label("已受理")]
    Accepted,

    [Label("调查中")]
    UnderInvestigation,

    [Label("已作出追究决定")]
    Decided,

    [Label("不予追究")]
    Dismissed,
}

/// <summary>AC-5: a fact or piece of evidence, recorded by one of the investigators.</summary>
public sealed record EvidenceRecord(PersonRef RecordedBy, string Description, DateOnly RecordedOn);

/// <summary>AC-5 (seed 000 第九条): what a respondent said in statement and defence (陈述和申辩).</summary>
public sealed record DefenceRecord(PersonRef Respondent, string Statement, DateOnly RecordedOn);

/// <summary>The measures the decision-maker sets for one subject where they depart from the proposal.</summary>
public sealed record DecidedMeasures(Subject Subject, IReadOnlyList<Measure> Measures);

/// <summary>
/// AC-9, AC-10, AC-11: the decision. Without <see cref="Departures"/> it adopts the proposal; subjects listed there get
/// the measures given instead, and then <see cref="DepartureReasons"/> are required.
/// </summary>
public sealed record CaseDecision(
    DateOnly DecidedOn,
    DateOnly? RectificationDue,
    IReadOnlyList<DecidedMeasures>? Departures = null,
    string? DepartureReasons = null);

/// <summary>AC-1: what a reporter sees with their tracking code: the case's course and the unit-level outcome only.</summary>
public sealed record ReporterView(
    string TrackingCode,
    CaseStatus Status,
    DateOnly RegisteredOn,
    DateOnly AcceptanceDue,
    string? DeclineReasons,
    string? DismissalReasons,
    IReadOnlyList<Measure> UnitMeasures);
