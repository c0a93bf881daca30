using Google.Protobuf.Collections;
using Ogi.Accountability.Domain;
using Ogi.Accountability.Domain.Cases;
using Ogi.Accountability.Domain.Catalogue;
using Ogi.Accountability.Domain.Measures;
using Ogi.Accountability.Domain.Records;
using Ogi.Accountability.Domain.Responsibility;
using Ogi.BuildingBlocks.Domain;
using P = Ogi.Contracts.Accountability.V1;

namespace Ogi.Accountability.Api;

/// <summary>
/// Domain values to messages and back. Enums of the contract carry the domain's names (MEASURE_PUBLIC_CRITICISM ↔
/// Measure.PublicCriticism), so they map by name; UNSPECIFIED or an unknown number is a bad field.
/// </summary>
public static class Messages
{
    public static TTo ToProto<TFrom, TTo>(TFrom value)
        where TFrom : struct, Enum
        where TTo : struct, Enum => Enum.Parse<TTo>(value.ToString());

    public static TTo FromProto<TFrom, TTo>(TFrom value, string field)
        where TFrom : struct, Enum
        where TTo : struct, Enum =>
        Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) != 0 && Enum.IsDefined(value)
            && Enum.TryParse<TTo>(value.ToString(), out var mapped) && Enum.IsDefined(mapped)
            ? mapped
            : throw new InvalidInputException(field, $"a {typeof(TFrom).Name} value is required");

    public static Google.Type.Date ToProto(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };

    public static Google.Type.Date? ToProto(DateOnly? day) => day is { } d ? ToProto(d) : null;

    public static DateOnly? FromProto(Google.Type.Date? date, string field)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0))
        {
            return null;
        }

        try
        {
            return new DateOnly(date.Year, date.Month, date.Day);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new InvalidInputException(field, "not a calendar date");
        }
    }

    public static DateOnly RequiredDate(Google.Type.Date? date, string field) =>
        FromProto(date, field) ?? throw new InvalidInputException(field, "a date is required");

    public static Guid CaseId(string value) =>
        Guid.TryParse(value, out var id) ? id : throw new InvalidInputException("case_id", "a case id (UUID) is required");

    public static PersonRef Person(string value, string field)
    {
        try
        {
            return new PersonRef(value);
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException(field, e.Violations[0].Description);
        }
    }

    public static P.Unit ToProto(UnitRef unit) => new() { AgencyCode = unit.Code, Name = unit.Name };

    public static P.Subject ToProto(Subject subject) => subject switch
    {
        UnitSubject u => new P.Subject { UnitAgencyCode = u.Unit.Code },
        PersonSubject p => new P.Subject { PersonRef = p.Person.Value },
        _ => throw new ArgumentOutOfRangeException(nameof(subject)),
    };

    /// <summary>A subject of this case: its unit by agency code, or a person by reference.</summary>
    public static Subject FromProto(P.Subject? subject, UnitRef caseUnit, string field) => subject?.KindCase switch
    {
        P.Subject.KindOneofCase.UnitAgencyCode when subject.UnitAgencyCode == caseUnit.Code => new UnitSubject(caseUnit),
        P.Subject.KindOneofCase.UnitAgencyCode => throw new InvalidInputException(field + ".unit_agency_code", "not the unit this case concerns"),
        P.Subject.KindOneofCase.PersonRef => new PersonSubject(Person(subject.PersonRef, field + ".person_ref")),
        _ => throw new InvalidInputException(field, "the unit or a person is required"),
    };

    public static IReadOnlyList<Measure> FromProto(RepeatedField<P.Measure> measures, string field) =>
        measures.Select((m, i) => FromProto<P.Measure, Measure>(m, $"{field}[{i}]")).ToList();

    public static CaseFacts FromProto(P.CaseFacts? facts)
    {
        if (facts is null)
        {
            throw new InvalidInputException("facts", "the established facts are required");
        }

        var act = facts.Act ?? throw new InvalidInputException("facts.act", "how the act was decided is required");
        var participants = new ActParticipants(
            FromProto<P.DecisionPath, DecisionPath>(act.Path, "facts.act.path"),
            Person(act.Handler, "facts.act.handler"),
            Optional(act.ApprovingLeader, "facts.act.approving_leader"),
            Optional(act.PrincipalLeader, "facts.act.principal_leader"),
            act.OtherMembers.Select((m, i) => Person(m, $"facts.act.other_members[{i}]")).ToList());
        return new CaseFacts(
            FromProto<P.ViolationType, ViolationType>(facts.Violation, "facts.violation"),
            FromProto<P.Severity, Severity>(facts.Severity, "facts.severity"),
            RequiredDate(facts.OccurredOn, "facts.occurred_on"),
            participants,
            facts.ObjectedOnRecord.Select((p, i) => Person(p, $"facts.objected_on_record[{i}]")).ToHashSet(),
            facts.Mitigating.Select((f, i) => FromProto<P.MitigatingFactor, MitigatingFactor>(f, $"facts.mitigating[{i}]")).ToHashSet(),
            facts.Aggravating.Select((f, i) => FromProto<P.AggravatingFactor, AggravatingFactor>(f, $"facts.aggravating[{i}]")).ToHashSet(),
            facts.DetailedItem == P.DetailedItem.Unspecified ? null : FromProto<P.DetailedItem, DetailedItem>(facts.DetailedItem, "facts.detailed_item"),
            facts.DisciplinaryBreach,
            facts.SuspectedCrime);
    }

    public static P.Case ToProto(AccountabilityCase c, DateOnly today, AccountabilityProfile profile)
    {
        var message = new P.Case
        {
            CaseId = c.Id.ToString(),
            CaseKey = c.Key,
            Source = ToProto<SourceKind, P.SourceKind>(c.Source.Kind),
            SourceReference = c.Source.Reference,
            Unit = ToProto(c.Unit),
            Status = ToProto<CaseStatus, P.CaseStatus>(c.Status),
            OpenedOn = ToProto(c.OpenedOn),
            Summary = c.Summary ?? "",
            AcceptanceDue = ToProto(c.AcceptanceDue),
            AcceptedOn = ToProto(c.AcceptedOn),
            AcceptedLate = c.AcceptedLate,
            AcceptanceOverdue = c.IsAcceptanceOverdue(today),
            DeclineReasons = c.DeclineReasons ?? "",
            HandlingAgencyCode = c.Routing?.HandlingAgencyCode ?? "",
            Importance = c.Routing is { } r ? ToProto<CaseImportance, P.CaseImportance>(r.Importance) : P.CaseImportance.Unspecified,
            HandlingBody = c.Routing is { } b ? ToProto<HandlingBody, P.HandlingBody>(b.Body) : P.HandlingBody.Unspecified,
            Investigators = { c.Investigators.Select(i => i.Value) },
            Evidence = { c.Evidence.Select(e => new P.EvidenceRecord { RecordedBy = e.RecordedBy.Value, Description = e.Description, RecordedOn = ToProto(e.RecordedOn) }) },
            Defences = { c.Defences.Select(d => new P.DefenceRecord { Respondent = d.Respondent.Value, Statement = d.Statement, RecordedOn = ToProto(d.RecordedOn) }) },
            Facts = c.Facts is { } f ? ToProto(f) : null,
            Responsibilities = { c.Responsibilities.Select(ToProto) },
            Proposal = c.Proposal is { } p ? ToProto(p) : null,
            Decision = c.Decision is { } d ? ToProto(d) : null,
            DismissalReasons = c.DismissalReasons ?? "",
            Notices = { c.Notices.Select(n => ToProto(n, profile)) },
            Appeals = { c.Appeals.Select(ToProto) },
            RectificationDue = ToProto(c.RectificationDue),
            RectificationReportedOn = ToProto(c.RectificationReportedOn),
            RectificationReport = c.RectificationReport ?? "",
            EscalatedOn = ToProto(c.EscalatedOn),
            PresumedViolation = c.Source.PresumedViolation is { } v ? ToProto<ViolationType, P.ViolationType>(v) : P.ViolationType.Unspecified,
        };
        return message;
    }

    public static P.DecisionNotice ToProto(DecisionNotice notice, AccountabilityProfile profile) => new()
    {
        Recipient = ToProto(notice.Recipient),
        Measures = { notice.Measures.Select(ToProto<Measure, P.Measure>) },
        IssuedOn = ToProto(notice.IssuedOn),
        ServedOn = ToProto(notice.ServedOn),
        AppealDue = ToProto(notice.AppealDue(profile)),
    };

    public static P.AccountabilityDecided ToProto(AccountabilityDecided d) => new()
    {
        CaseId = d.CaseId.ToString(),
        Unit = ToProto(d.Unit),
        HandlingAgencyCode = d.HandlingAgencyCode,
        Violation = ToProto<ViolationType, P.ViolationType>(d.Violation),
        UnitSeverity = ToProto<Severity, P.Severity>(d.UnitSeverity),
        UnitMeasures = { d.UnitMeasures.Select(ToProto<Measure, P.Measure>) },
        // AC-13: persons only by their pseudonymous reference.
        Persons =
        {
            d.Persons.Select(p => new P.PersonOutcome
            {
                PersonRef = p.Person.Value,
                Role = ToProto<PersonRole, P.PersonRole>(p.Role),
                Responsibility = ToProto<ResponsibilityKind, P.ResponsibilityKind>(p.Responsibility),
                Severity = ToProto<Severity, P.Severity>(p.Severity),
                Measures = { p.Measures.Select(ToProto<Measure, P.Measure>) },
            }),
        },
        OccurredOn = ToProto(d.OccurredOn),
        DecidedOn = ToProto(d.DecidedOn),
        DepartureReasons = d.DepartureReasons ?? "",
        RectificationDue = ToProto(d.RectificationDue),
    };

    public static P.AppealDecided ToProto(AppealDecided a, UnitRef unit)
    {
        var message = new P.AppealDecided
        {
            CaseId = a.CaseId.ToString(),
            Outcome = ToProto<AppealOutcome, P.AppealOutcome>(a.Outcome),
            Reasons = a.Reasons,
            MeasuresAfter = { a.MeasuresAfter.Select(ToProto<Measure, P.Measure>) },
            DecidedOn = ToProto(a.DecidedOn),
        };
        if (a.Appellant is PersonSubject person)
        {
            message.PersonRef = person.Person.Value;
        }
        else
        {
            message.Unit = ToProto(unit);
        }

        return message;
    }

    public static P.AccountabilityRecord ToProto(AccountabilityRecord r) => new()
    {
        CaseId = r.CaseId.ToString(),
        Subject = ToProto(r.Subject),
        Violation = ToProto<ViolationType, P.ViolationType>(r.Violation),
        Severity = ToProto<Severity, P.Severity>(r.Severity),
        DirectResponsibility = r.DirectResponsibility,
        OccurredOn = ToProto(r.OccurredOn),
        DecidedOn = ToProto(r.DecidedOn),
        Measures = { r.Measures.Select(ToProto<Measure, P.Measure>) },
        Revoked = r.Revoked,
    };

    private static P.CaseFacts ToProto(CaseFacts f) => new()
    {
        Violation = ToProto<ViolationType, P.ViolationType>(f.Violation),
        Severity = ToProto<Severity, P.Severity>(f.Severity),
        OccurredOn = ToProto(f.OccurredOn),
        Act = new P.ActParticipants
        {
            Path = ToProto<DecisionPath, P.DecisionPath>(f.Act.Path),
            Handler = f.Act.Handler.Value,
            ApprovingLeader = f.Act.ApprovingLeader?.Value ?? "",
            PrincipalLeader = f.Act.PrincipalLeader?.Value ?? "",
            OtherMembers = { (f.Act.OtherMembers ?? []).Select(m => m.Value) },
        },
        ObjectedOnRecord = { (f.ObjectedOnRecord ?? new HashSet<PersonRef>()).Select(p => p.Value) },
        Mitigating = { (f.Mitigating ?? new HashSet<MitigatingFactor>()).Select(ToProto<MitigatingFactor, P.MitigatingFactor>) },
        Aggravating = { (f.Aggravating ?? new HashSet<AggravatingFactor>()).Select(ToProto<AggravatingFactor, P.AggravatingFactor>) },
        DetailedItem = f.DetailedItem is { } item ? ToProto<DetailedItem, P.DetailedItem>(item) : P.DetailedItem.Unspecified,
        DisciplinaryBreach = f.DisciplinaryBreach,
        SuspectedCrime = f.SuspectedCrime,
    };

    private static P.PersonResponsibility ToProto(PersonResponsibility r) => new()
    {
        PersonRef = r.Person.Value,
        Role = ToProto<PersonRole, P.PersonRole>(r.Role),
        Kind = ToProto<ResponsibilityKind, P.ResponsibilityKind>(r.Kind),
        Basis = r.Basis,
        Direct = r.IsDirect,
    };

    private static P.MeasuresProposal ToProto(MeasuresProposal p) => new()
    {
        Assessments = { p.Assessments.Select(a => new P.SeverityAssessment { Subject = ToProto(a.Subject), Severity = ToProto<Severity, P.Severity>(a.Severity), Steps = { a.Steps } }) },
        Measures = { p.Measures.Select(m => new P.ProposedMeasure { Subject = ToProto(m.Subject), Measure = ToProto<Measure, P.Measure>(m.Measure), Rule = m.Rule }) },
    };

    private static P.Appeal ToProto(Appeal a) => new()
    {
        Appellant = ToProto(a.Appellant),
        Grounds = a.Grounds,
        FiledOn = ToProto(a.FiledOn),
        Outcome = a.Outcome is { } o ? ToProto<AppealOutcome, P.AppealOutcome>(o) : P.AppealOutcome.Unspecified,
        Reasons = a.Reasons ?? "",
        DecidedOn = ToProto(a.DecidedOn),
    };

    private static PersonRef? Optional(string value, string field) => string.IsNullOrWhiteSpace(value) ? null : Person(value, field);
}
