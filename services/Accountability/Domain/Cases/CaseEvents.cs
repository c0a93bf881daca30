using Ogi.Accountability.Domain.Catalogue;
using Ogi.Accountability.Domain.Measures;
using Ogi.Accountability.Domain.Responsibility;

namespace Ogi.Accountability.Domain.Cases;

/// <summary>What a case records as it moves; the event layer turns these plain records into messages.</summary>
public interface ICaseEvent
{
    Guid CaseId { get; }
}

public sealed record CaseOpened(Guid CaseId, string CaseKey, SourceKind Source, UnitRef Unit, DateOnly OpenedOn) : ICaseEvent;

/// <summary>AC-3 (seed 003): the written notice telling a reporter why the report was not accepted.</summary>
public sealed record ComplaintDeclined(Guid CaseId, string ReporterTrackingCode, string WrittenReasons, DateOnly DeclinedOn) : ICaseEvent;

/// <summary>One person's part in a decision: by pseudonymous reference only (AC-13).</summary>
public sealed record PersonOutcome(PersonRef Person, PersonRole Role, ResponsibilityKind Responsibility, Severity Severity, IReadOnlyList<Measure> Measures)
{
    /// <summary>Seed 002: 直接责任 is the handler's, unless exempted.</summary>
    public bool IsDirect => Role == PersonRole.Handler && Responsibility != ResponsibilityKind.Exempt;
}

/// <summary>AC-13: the accountability decision. The unit by code and name; persons only by reference.</summary>
public sealed record AccountabilityDecided(
    Guid CaseId,
    UnitRef Unit,
    string HandlingAgencyCode,
    ViolationType Violation,
    Severity UnitSeverity,
    IReadOnlyList<Measure> UnitMeasures,
    IReadOnlyList<PersonOutcome> Persons,
    DateOnly OccurredOn,
    DateOnly DecidedOn,
    string? DepartureReasons,
    DateOnly? RectificationDue) : ICaseEvent;

/// <summary>AC-10, AC-13: an appeal's outcome and the measures that stand after it.</summary>
public sealed record AppealDecided(
    Guid CaseId,
    Subject Appellant,
    AppealOutcome Outcome,
    string Reasons,
    IReadOnlyList<Measure> MeasuresAfter,
    DateOnly DecidedOn) : ICaseEvent;

/// <summary>AC-11: the unit's rectification report did not arrive by its deadline.</summary>
public sealed record RectificationEscalated(Guid CaseId, UnitRef Unit, string HandlingAgencyCode, DateOnly Due, DateOnly EscalatedOn) : ICaseEvent;
