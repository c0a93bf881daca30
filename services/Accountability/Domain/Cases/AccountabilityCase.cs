using Ogi.Accountability.Domain.Catalogue;
using Ogi.Accountability.Domain.Measures;
using Ogi.Accountability.Domain.Records;
using Ogi.Accountability.Domain.Responsibility;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.Accountability.Domain.Cases;

/// <summary>
/// A 责任追究 case, from its source to the rectification report: registration and acceptance (AC-1, AC-3), routing
/// (AC-4), investigation and defence (AC-5), responsibility (AC-6), proposal and decision (AC-7 … AC-9), notices and
/// appeals (AC-10), rectification feedback (AC-11). What happens is kept in <see cref="Events"/>.
/// </summary>
public sealed class AccountabilityCase
{
    /// <summary>AC-5 (seed 003 调查程序 "指派两名以上工作人员进行调查取证").</summary>
    public const int MinimumInvestigators = 2;

    private readonly List<ICaseEvent> _events = [];
    private readonly List<PersonRef> _investigators = [];
    private readonly List<EvidenceRecord> _evidence = [];
    private readonly List<DefenceRecord> _defences = [];
    private readonly List<DecisionNotice> _notices = [];
    private readonly List<Appeal> _appeals = [];

    private AccountabilityCase(Guid id, CaseSource source, UnitRef unit, DateOnly openedOn, AccountabilityProfile profile)
    {
        Id = id;
        Source = source;
        Unit = unit;
        OpenedOn = openedOn;
        Profile = profile;
        _events.Add(new CaseOpened(id, source.CaseKey, source.Kind, unit, openedOn));
    }

    public Guid Id { get; }

    public CaseSource Source { get; }

    /// <summary>AC-1: one source, one case; the persistence layer keeps it unique.</summary>
    public string Key => Source.CaseKey;

    /// <summary>The unit concerned (the respondent unit).</summary>
    public UnitRef Unit { get; }

    public DateOnly OpenedOn { get; }

    public AccountabilityProfile Profile { get; }

    public CaseStatus Status { get; private set; }

    public string? ReporterTrackingCode { get; private init; }

    public string? Summary { get; private init; }

    public DateOnly? AcceptanceDue { get; private init; }

    public DateOnly? AcceptedOn { get; private set; }

    public bool AcceptedLate => AcceptedOn > AcceptanceDue;

    public string? DeclineReasons { get; private set; }

    public CaseRouting? Routing { get; private set; }

    public IReadOnlyList<PersonRef> Investigators => _investigators;

    public IReadOnlyList<EvidenceRecord> Evidence => _evidence;

    public IReadOnlyList<DefenceRecord> Defences => _defences;

    public CaseFacts? Facts { get; private set; }

    public IReadOnlyList<PersonResponsibility> Responsibilities { get; private set; } = [];

    public MeasuresProposal? Proposal { get; private set; }

    public AccountabilityDecided? Decision { get; private set; }

    public string? DismissalReasons { get; private set; }

    public IReadOnlyList<DecisionNotice> Notices => _notices;

    public IReadOnlyList<Appeal> Appeals => _appeals;

    public DateOnly? RectificationDue { get; private set; }

    public DateOnly? RectificationReportedOn { get; private set; }

    public string? RectificationReport { get; private set; }

    public DateOnly? EscalatedOn { get; private set; }

    public IReadOnlyList<ICaseEvent> Events => _events;

    /// <summary>AC-1, AC-3: a report from the public is registered; it must be accepted or declined by its due day.</summary>
    public static AccountabilityCase RegisterComplaint(Guid id, ComplaintReport report, DateOnly registeredOn, AccountabilityProfile profile) =>
        new(id, report.Source, report.Concerned, registeredOn, profile)
        {
            Status = CaseStatus.Registered,
            Summary = report.Summary,
            ReporterTrackingCode = TrackingCode.New(),
            AcceptanceDue = ComplaintAcceptance.Due(registeredOn, profile),
        };

    /// <summary>
    /// AC-1: a case opened by an event or a supervision finding. Nobody has to accept it (AC-3 concerns reports from
    /// the public), so it is routed at once (AC-4).
    /// </summary>
    public static AccountabilityCase Open(
        Guid id,
        CaseSource source,
        UnitRef concerned,
        DateOnly openedOn,
        CaseImportance importance,
        ParentAgencyLookup parents,
        AccountabilityProfile profile)
    {
        if (source.Kind == SourceKind.PublicComplaint)
        {
            throw new InvalidInputException("source.kind", "reports from the public are registered and accepted (AC-3)");
        }

        return new AccountabilityCase(id, source, concerned, openedOn, profile)
        {
            Status = CaseStatus.Accepted,
            AcceptedOn = openedOn,
            Routing = CaseJurisdiction.Route(concerned.Code, importance, parents),
        };
    }

    /// <summary>Everything the case knows, as one value for persistence; its recorded events are not part of it.</summary>
    public CaseSnapshot ToSnapshot() => new(Id, Source, Unit, OpenedOn, Profile, Status, ReporterTrackingCode, Summary, AcceptanceDue,
        AcceptedOn, DeclineReasons, Routing, [.. _investigators], [.. _evidence], [.. _defences], Facts, Responsibilities, Proposal,
        Decision, DismissalReasons, [.. _notices], [.. _appeals], RectificationDue, RectificationReportedOn, RectificationReport, EscalatedOn);

    /// <summary>The case as it was saved; <see cref="Events"/> starts empty, so only what happens next is published.</summary>
    public static AccountabilityCase Restore(CaseSnapshot s)
    {
        var restored = new AccountabilityCase(s.Id, s.Source, s.Unit, s.OpenedOn, s.Profile)
        {
            Status = s.Status,
            ReporterTrackingCode = s.ReporterTrackingCode,
            Summary = s.Summary,
            AcceptanceDue = s.AcceptanceDue,
            AcceptedOn = s.AcceptedOn,
            DeclineReasons = s.DeclineReasons,
            Routing = s.Routing,
            Facts = s.Facts,
            Responsibilities = s.Responsibilities,
            Proposal = s.Proposal,
            Decision = s.Decision,
            DismissalReasons = s.DismissalReasons,
            RectificationDue = s.RectificationDue,
            RectificationReportedOn = s.RectificationReportedOn,
            RectificationReport = s.RectificationReport,
            EscalatedOn = s.EscalatedOn,
        };
        restored._events.Clear();
        restored._investigators.AddRange(s.Investigators);
        restored._evidence.AddRange(s.Evidence);
        restored._defences.AddRange(s.Defences);
        restored._notices.AddRange(s.Notices);
        restored._appeals.AddRange(s.Appeals);
        return restored;
    }

    /// <summary>AC-3: true while a report waits for acceptance or refusal past its due day.</summary>
    public bool IsAcceptanceOverdue(DateOnly today) => Status == CaseStatus.Registered && today > AcceptanceDue;

    /// <summary>AC-3, AC-4: the report is accepted and goes to the level above the unit, to the body its weight calls for.
    /// A late acceptance is still an acceptance; <see cref="AcceptedLate"/> keeps the fact.</summary>
    public void Accept(DateOnly acceptedOn, CaseImportance importance, ParentAgencyLookup parents)
    {
        Require("AC-3", "accept the report", CaseStatus.Registered);
        Routing = CaseJurisdiction.Route(Unit.Code, importance, parents);
        AcceptedOn = acceptedOn;
        Status = CaseStatus.Accepted;
    }

    /// <summary>AC-3 (seed 003 "对于不予受理的,应当书面告知举报人并说明理由").</summary>
    public void Decline(DateOnly declinedOn, string writtenReasons)
    {
        Require("AC-3", "decline the report", CaseStatus.Registered);
        DeclineReasons = Required(writtenReasons, "reasons", "AC-3: the reporter is told in writing why the report is not accepted");
        Status = CaseStatus.Declined;
        _events.Add(new ComplaintDeclined(Id, ReporterTrackingCode!, DeclineReasons, declinedOn));
    }

    /// <summary>AC-5: an investigation needs at least two investigators.</summary>
    public void StartInvestigation(IReadOnlyList<PersonRef> investigators)
    {
        Require("AC-5", "start an investigation", CaseStatus.Accepted);
        var distinct = investigators.Distinct().ToList();
        if (distinct.Count < MinimumInvestigators)
        {
            throw new RuleViolationException("AC-5", $"an investigation needs at least {MinimumInvestigators} investigators; {distinct.Count} named");
        }

        _investigators.AddRange(distinct);
        Status = CaseStatus.UnderInvestigation;
    }

    /// <summary>AC-5: facts and evidence, recorded by an assigned investigator.</summary>
    public void RecordEvidence(PersonRef investigator, string description, DateOnly recordedOn)
    {
        Require("AC-5", "record evidence", CaseStatus.UnderInvestigation);
        if (!_investigators.Contains(investigator))
        {
            throw new RuleViolationException("AC-5", "evidence is recorded by one of the case's investigators");
        }

        _evidence.Add(new EvidenceRecord(investigator, Required(description, "description", "describe the fact or evidence"), recordedOn));
    }

    /// <summary>
    /// AC-2, AC-5, AC-6: what the evidence established; responsibility follows from how the act was decided.
    /// Establishing the facts again (after a defence, say) withdraws the earlier proposal.
    /// </summary>
    public void EstablishFacts(CaseFacts facts)
    {
        Require("AC-5", "establish the facts", CaseStatus.UnderInvestigation);
        if (_evidence.Count == 0)
        {
            throw new RuleViolationException("AC-5", "facts are established from recorded evidence; none is recorded");
        }

        if (facts.DetailedItem is { } item && ViolationCatalogue.TypeOf(item) != facts.Violation)
        {
            throw new InvalidInputException("facts.violation", $"AC-2: {item.Chinese()} falls under {ViolationCatalogue.TypeOf(item).Chinese()}");
        }

        Responsibilities = ResponsibilityAllocation.Allocate(facts.Act, facts.ObjectedOnRecord ?? new HashSet<PersonRef>());
        Facts = facts;
        Proposal = null;
    }

    /// <summary>AC-5 (seed 000 第九条 "认真听取有关责任人的陈述和申辩").</summary>
    public void RecordDefence(PersonRef respondent, string statement, DateOnly recordedOn)
    {
        Require("AC-5", "record a statement and defence", CaseStatus.UnderInvestigation);
        if (Facts is null)
        {
            throw new RuleViolationException("AC-5", "the respondents are known once the facts are established");
        }

        if (!Responsibilities.Any(r => r.Person == respondent))
        {
            throw new InvalidInputException("respondent", "the respondent is one of the persons the established facts name");
        }

        _defences.Add(new DefenceRecord(respondent, Required(statement, "statement", "the statement and defence is required"), recordedOn));
    }

    /// <summary>AC-7 … AC-9, AC-12: the proposal, from the facts and the records of the past year.</summary>
    public MeasuresProposal Propose(AccountabilityRecords records)
    {
        Require("AC-9", "propose measures", CaseStatus.UnderInvestigation);
        var facts = Facts ?? throw new RuleViolationException("AC-9", "measures are proposed once the facts are established");
        Proposal = MeasuresProposal.For(Id, Unit, facts, Responsibilities, Source.Kind == SourceKind.PublicComplaint, records);
        return Proposal;
    }

    /// <summary>
    /// AC-5, AC-9, AC-10, AC-11: the decision, only after every accountable person's defence is on record; it adopts
    /// the proposal or departs from it with reasons; each unit and person gets a written notice; an order to rectify
    /// carries its report deadline.
    /// </summary>
    public AccountabilityDecided Decide(CaseDecision decision)
    {
        Require("AC-9", "decide", CaseStatus.UnderInvestigation);
        var facts = Facts ?? throw new RuleViolationException("AC-5", "a decision rests on established facts");
        var proposal = Proposal ?? throw new RuleViolationException("AC-9", "a decision follows a proposal of measures");

        var unheard = Responsibilities.Where(r => r.IsAccountable && !_defences.Any(d => d.Respondent == r.Person)).ToList();
        if (unheard.Count > 0)
        {
            throw new RuleViolationException("AC-5", $"the statement and defence (陈述和申辩) of {string.Join(", ", unheard.Select(r => r.Person))} is not recorded");
        }

        var final = FinalMeasures(proposal, decision);
        var unit = new UnitSubject(Unit);
        if (final[unit].Contains(Measure.RectificationOrdered))
        {
            if (decision.RectificationDue is not { } due || due <= decision.DecidedOn)
            {
                throw new InvalidInputException("rectification_due", "AC-11: an order to rectify sets a report deadline after the decision date");
            }

            RectificationDue = due;
        }

        var persons = Responsibilities.Where(r => r.IsAccountable).Select(r =>
        {
            var subject = new PersonSubject(r.Person);
            return new PersonOutcome(r.Person, r.Role, r.Kind, proposal.SeverityOf(subject), final[subject]);
        }).ToList();

        Decision = new AccountabilityDecided(Id, Unit, Routing!.HandlingAgencyCode, facts.Violation, proposal.SeverityOf(unit), final[unit],
            persons, facts.OccurredOn, decision.DecidedOn, decision.DepartureReasons?.Trim(), RectificationDue);

        _notices.Add(new DecisionNotice(unit, final[unit], decision.DecidedOn));
        _notices.AddRange(Responsibilities.Select(r =>
            new DecisionNotice(new PersonSubject(r.Person), r.IsAccountable ? final[new PersonSubject(r.Person)] : [], decision.DecidedOn)));

        Status = CaseStatus.Decided;
        _events.Add(Decision);
        return Decision;
    }

    /// <summary>The investigation found nothing to hold anyone to account for.</summary>
    public void Dismiss(string reasons)
    {
        Require("AC-5", "dismiss the case", CaseStatus.Accepted, CaseStatus.UnderInvestigation);
        DismissalReasons = Required(reasons, "reasons", "a dismissal states its reasons");
        Status = CaseStatus.Dismissed;
    }

    /// <summary>AC-10: the appeal period runs from the day the notice was served.</summary>
    public void RecordNoticeServed(Subject recipient, DateOnly servedOn)
    {
        var index = _notices.FindIndex(n => n.Recipient == recipient);
        if (index < 0)
        {
            throw new InvalidInputException("recipient", "no decision notice was issued to this recipient");
        }

        if (servedOn < _notices[index].IssuedOn)
        {
            throw new InvalidInputException("served_on", "a notice is served on or after the day it is issued");
        }

        _notices[index] = _notices[index] with { ServedOn = servedOn };
    }

    /// <summary>AC-10: one appeal per recipient of measures, within the profile's period (default 30 days).</summary>
    public void FileAppeal(Subject appellant, string grounds, DateOnly filedOn)
    {
        Require("AC-10", "appeal", CaseStatus.Decided);
        var notice = _notices.FirstOrDefault(n => n.Recipient == appellant && n.Measures.Count > 0)
            ?? throw new InvalidInputException("appellant", "only a unit or person the decision holds to account may appeal");
        if (_appeals.Any(a => a.Appellant == appellant))
        {
            throw new RuleViolationException("AC-10", "the decision has already been appealed by this appellant");
        }

        var due = notice.AppealDue(Profile);
        if (filedOn > due)
        {
            throw new RuleViolationException("AC-10", $"the appeal period ended on {due:yyyy-MM-dd}");
        }

        _appeals.Add(new Appeal(appellant, Required(grounds, "grounds", "the appeal states its grounds"), filedOn));
    }

    /// <summary>AC-10, AC-13: the appeal is upheld, modified (with the measures that replace the decided ones) or
    /// revoked, always with reasons.</summary>
    public AppealDecided DecideAppeal(Subject appellant, AppealOutcome outcome, string reasons, DateOnly decidedOn, IReadOnlyList<Measure>? modifiedMeasures = null)
    {
        var index = _appeals.FindIndex(a => a.Appellant == appellant && a.Outcome is null);
        if (index < 0)
        {
            throw new RuleViolationException("AC-10", "there is no pending appeal from this appellant");
        }

        var current = _notices.Single(n => n.Recipient == appellant).Measures;
        var after = outcome switch
        {
            AppealOutcome.Upheld => current,
            AppealOutcome.Revoked => [],
            _ => modifiedMeasures is { Count: > 0 } m && !m.ToHashSet().SetEquals(current)
                ? m.Distinct().ToList()
                : throw new InvalidInputException("measures", "a modified decision states the measures that replace the decided ones"),
        };
        if (outcome != AppealOutcome.Modified && modifiedMeasures is not null)
        {
            throw new InvalidInputException("measures", "measures are given only when the decision is modified");
        }

        var written = Required(reasons, "reasons", "AC-10: the appeal outcome states its reasons");
        _appeals[index] = _appeals[index] with { Outcome = outcome, Reasons = written, DecidedOn = decidedOn };

        // The unit's duty to report on rectification stands only while rectification is still ordered.
        if (appellant is UnitSubject && !after.Contains(Measure.RectificationOrdered))
        {
            RectificationDue = null;
        }

        var decided = new AppealDecided(Id, appellant, outcome, written, after, decidedOn);
        _events.Add(decided);
        return decided;
    }

    /// <summary>AC-11 (seed 000 第十条): the unit's written report on rectification to the OGI office and supervision.</summary>
    public void ReportRectification(string report, DateOnly reportedOn)
    {
        if (RectificationDue is null)
        {
            throw new RuleViolationException("AC-11", "no rectification is ordered in this case");
        }

        if (RectificationReportedOn is not null)
        {
            throw new RuleViolationException("AC-11", "the rectification report is already on record");
        }

        RectificationReport = Required(report, "report", "the written rectification report is required");
        RectificationReportedOn = reportedOn;
    }

    /// <summary>AC-11: once the deadline has passed with no report, the case escalates, once.</summary>
    public bool EscalateIfRectificationOverdue(DateOnly today)
    {
        if (RectificationDue is not { } due || RectificationReportedOn is not null || EscalatedOn is not null || today <= due)
        {
            return false;
        }

        EscalatedOn = today;
        _events.Add(new RectificationEscalated(Id, Unit, Routing!.HandlingAgencyCode, due, today));
        return true;
    }

    /// <summary>AC-1: the reporter follows the case by tracking code; persons are never shown.</summary>
    public ReporterView ForReporter(string trackingCode)
    {
        if (ReporterTrackingCode is null || !string.Equals(trackingCode, ReporterTrackingCode, StringComparison.OrdinalIgnoreCase))
        {
            throw new NotFoundException("no report with this tracking code");
        }

        return new ReporterView(ReporterTrackingCode, Status, OpenedOn, AcceptanceDue!.Value, DeclineReasons, DismissalReasons,
            Decision?.UnitMeasures ?? []);
    }

    /// <summary>AC-9: the proposal, with the decision-maker's departures, per subject; departing needs reasons.</summary>
    private static Dictionary<Subject, IReadOnlyList<Measure>> FinalMeasures(MeasuresProposal proposal, CaseDecision decision)
    {
        var final = proposal.Assessments.ToDictionary(a => a.Subject, a => proposal.MeasuresFor(a.Subject));
        var departs = false;
        foreach (var departure in decision.Departures ?? [])
        {
            if (!final.TryGetValue(departure.Subject, out var proposed))
            {
                throw new InvalidInputException("departures.subject", "measures are decided for the unit and the persons held to account");
            }

            departs |= !proposed.ToHashSet().SetEquals(departure.Measures);
            final[departure.Subject] = departure.Measures.Distinct().ToList();
        }

        if (departs && string.IsNullOrWhiteSpace(decision.DepartureReasons))
        {
            throw new RuleViolationException("AC-9", "a decision that departs from the proposed measures states its reasons");
        }

        return final;
    }

    private void Require(string ruleId, string action, params CaseStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new RuleViolationException(ruleId, $"cannot {action}: the case is {Status.Chinese()}");
        }
    }

    private static string Required(string? text, string field, string description) =>
        string.IsNullOrWhiteSpace(text) ? throw new InvalidInputException(field, description) : text.Trim();
}
