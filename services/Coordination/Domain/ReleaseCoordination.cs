using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.Coordination.Domain;

/// <summary>
/// 信息发布协调 (domain.md §4): the releasing agency sends every agency concerned a written letter with the full
/// draft (CO-1), each answers in writing within its period (CO-2, CO-3), silence is handled by the rule that
/// applies, a disagreement is decided by competence or by the competent department's binding decision (CO-3),
/// and intake is told when the consultation starts and ends (CO-6).
/// </summary>
public sealed class ReleaseCoordination
{
    private readonly List<CoordinationLetter> _letters = [];
    private readonly List<CoordinationEvent> _events = [];

    private ReleaseCoordination(Guid id, string releasingAgencyCode, CoordinationItem item, string fullDraft, bool urgent, DateOnly openedOn, string openedBy)
    {
        Id = id;
        ReleasingAgencyCode = releasingAgencyCode;
        Item = item;
        FullDraft = fullDraft;
        Urgent = urgent;
        OpenedOn = openedOn;
        OpenedBy = openedBy;
    }

    public Guid Id { get; }

    public string ReleasingAgencyCode { get; }

    public CoordinationItem Item { get; }

    /// <summary>CO-1 / seed 003 第十条: the full text of the information to be released goes with every letter.</summary>
    public string FullDraft { get; }

    public bool Urgent { get; }

    public DateOnly OpenedOn { get; }

    public string OpenedBy { get; }

    public CoordinationStatus Status { get; private set; } = CoordinationStatus.AwaitingAnswers;

    public IReadOnlyList<CoordinationLetter> Letters => _letters;

    /// <summary>CO-3: the competent department the disagreement went to, once escalated.</summary>
    public string? EscalatedTo { get; private set; }

    public BindingDecision? Decision { get; private set; }

    public CoordinationConclusion? Conclusion { get; private set; }

    /// <summary>CO-6: the day the consultation ended for intake's clock, once it has.</summary>
    public DateOnly? ConsultationEndedOn { get; private set; }

    /// <summary>Everyone a binding decision is sent to: the releasing agency and every agency concerned.</summary>
    public IReadOnlyList<string> Parties => [ReleasingAgencyCode, .. _letters.Select(l => l.Agency.AgencyCode)];

    public IReadOnlyList<CoordinationEvent> DequeueEvents()
    {
        var events = _events.ToList();
        _events.Clear();
        return events;
    }

    public ReleaseCoordinationSnapshot ToSnapshot() =>
        new(Id, ReleasingAgencyCode, Item, FullDraft, Urgent, OpenedOn, OpenedBy, Status, [.. _letters], EscalatedTo, Decision, Conclusion, ConsultationEndedOn);

    /// <summary>Reads a stored coordination back; it has no pending events.</summary>
    public static ReleaseCoordination Restore(ReleaseCoordinationSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var coordination = new ReleaseCoordination(snapshot.Id, snapshot.ReleasingAgencyCode, snapshot.Item, snapshot.FullDraft, snapshot.Urgent,
            snapshot.OpenedOn, snapshot.OpenedBy)
        {
            Status = snapshot.Status,
            EscalatedTo = snapshot.EscalatedTo,
            Decision = snapshot.Decision,
            Conclusion = snapshot.Conclusion,
            ConsultationEndedOn = snapshot.ConsultationEndedOn,
        };
        coordination._letters.AddRange(snapshot.Letters);
        return coordination;
    }

    /// <summary>
    /// CO-1, CO-2: one letter per agency concerned with the full draft, sent on <paramref name="sentOn"/>.
    /// Periods come from the releasing agency's profile (CAL-5), which sets the period its letters give:
    /// 10 working days (seed 001 第五条), urgent 1 (seed 003's profile: 2), and for a co-produced document an
    /// applicant requested, Reg. 34's 15. Reg. 34's period is statutory, so an urgent flag does not shorten it.
    /// </summary>
    public static ReleaseCoordination Open(Guid id, string releasingAgencyCode, CoordinationItem item, string fullDraft,
        IReadOnlyList<AgencyConcerned> agencies, bool urgent, DateOnly sentOn, string openedBy, DeadlineCalculator calendar)
    {
        var violations = item.Violations().ToList();
        if (string.IsNullOrWhiteSpace(fullDraft))
        {
            violations.Add(new("full_draft", "CO-1: 协调函应附拟发布信息全文"));
        }

        if (agencies.Count == 0)
        {
            violations.Add(new("agencies", "CO-1: 应列明所涉及的其他行政机关"));
        }

        for (var i = 0; i < agencies.Count; i++)
        {
            var agency = agencies[i];
            if (string.IsNullOrWhiteSpace(agency.AgencyCode) || string.IsNullOrWhiteSpace(agency.AgencyName))
            {
                violations.Add(new($"agencies[{i}]", "应有机关代码和名称"));
            }
            else if (agency.AgencyCode == releasingAgencyCode)
            {
                violations.Add(new($"agencies[{i}].agency_code", "发布机关不向本机关发协调函"));
            }
            else if (agencies.Take(i).Any(a => a.AgencyCode == agency.AgencyCode))
            {
                violations.Add(new($"agencies[{i}].agency_code", "同一机关只发一份协调函"));
            }

            if (!Enum.IsDefined(agency.Ground))
            {
                violations.Add(new($"agencies[{i}].ground", "应说明涉及该机关的原因：工作内容、职权范围或共同制作"));
            }
        }

        if (violations.Count > 0)
        {
            throw new InvalidInputException(violations);
        }

        var coordination = new ReleaseCoordination(id, releasingAgencyCode, item, fullDraft, urgent, sentOn, openedBy);
        foreach (var agency in agencies)
        {
            var kind = LetterKindFor(agency.Ground, item.Source, urgent);
            var period = calendar.Start(releasingAgencyCode, PeriodFor(kind), sentOn).Result;
            coordination._letters.Add(new CoordinationLetter(agency, kind, sentOn, period, LetterStatus.Awaiting, null));
        }

        coordination._events.Add(new CoordinationOpened(id, releasingAgencyCode, item.Source, item.Reference,
            coordination._letters.Select(l => new LetterSent(l.Agency.AgencyCode, l.Kind, l.DueOn)).ToList()));
        coordination._events.Add(new ConsultationStarted(id, releasingAgencyCode, item.Source, item.Reference, sentOn));
        return coordination;
    }

    /// <summary>CO-2: Reg. 34 covers documents co-produced by several agencies that an applicant requested.</summary>
    public static LetterKind LetterKindFor(ConcernGround ground, ItemSource source, bool urgent) =>
        ground == ConcernGround.JointProduction && source == ItemSource.Application ? LetterKind.CoProduced
        : urgent ? LetterKind.Urgent
        : LetterKind.Ordinary;

    public static PeriodKind PeriodFor(LetterKind kind) => kind switch
    {
        LetterKind.Urgent => PeriodKind.UrgentCoordination,
        LetterKind.CoProduced => PeriodKind.CoProducedConsultation,
        _ => PeriodKind.CoordinationReply,
    };

    /// <summary>
    /// CO-3: an agency concerned answers its letter in writing, once, within its period. An objection states its
    /// reasons, consent with changes states the changes, a competent opinion states the opinion and whether it
    /// lets the item be released. A letter whose period has run out is closed by <see cref="CloseLapsedLetters"/>.
    /// </summary>
    public void Answer(string agencyCode, LetterAnswer answer)
    {
        var index = _letters.FindIndex(l => l.Agency.AgencyCode == agencyCode);
        if (index < 0)
        {
            throw new NotFoundException($"no coordination letter to agency {agencyCode} in coordination {Id}");
        }

        var letter = _letters[index];
        if (letter.Status != LetterStatus.Awaiting)
        {
            throw new RuleViolationException("CO-3", $"该协调函已{letter.Status.Chinese()}，不能再次答复");
        }

        CheckAnswer(answer);
        if (answer.AnsweredOn < letter.SentOn)
        {
            throw new InvalidInputException("answer.answered_on", "答复日期不能早于协调函发出之日");
        }

        if (answer.AnsweredOn > letter.DueOn)
        {
            throw new RuleViolationException("CO-2", $"答复期限已于{letter.DueOn:yyyy-MM-dd}届满，按逾期规则处理");
        }

        _letters[index] = letter with { Status = LetterStatus.Answered, Answer = answer };
        _events.Add(new LetterAnswered(Id, ReleasingAgencyCode, agencyCode, answer.Kind, answer.AnsweredOn));
        Resolve();
    }

    private static void CheckAnswer(LetterAnswer answer)
    {
        if (!Enum.IsDefined(answer.Kind))
        {
            throw new InvalidInputException("answer.kind", "应为同意、修改后同意、不同意或职权范围内意见");
        }

        if (string.IsNullOrWhiteSpace(answer.AnsweredBy))
        {
            throw new InvalidInputException("answer.answered_by", "书面答复应有答复人");
        }

        var (needsText, field, description) = answer.Kind switch
        {
            AnswerKind.ConsentWithChanges => (true, "answer.changes", "CO-3: 修改后同意的，应写明修改意见"),
            AnswerKind.Objection => (true, "answer.reasons", "CO-3: 不同意发布的，应书面说明理由"),
            AnswerKind.CompetentOpinion => (true, "answer.opinion", "CO-3: 应写明本机关在职权范围内的意见"),
            _ => (false, "", ""),
        };
        if (needsText && string.IsNullOrWhiteSpace(answer.Text))
        {
            throw new InvalidInputException(field, description);
        }

        if (answer.Kind == AnswerKind.CompetentOpinion && answer.OpinionPermitsRelease is null)
        {
            throw new InvalidInputException("answer.opinion_permits_release", "CO-3: 职权范围内意见应明确是否同意发布");
        }
    }

    /// <summary>
    /// The lapse rule (CO-2), run on <paramref name="today"/>: a letter still unanswered after its due day closes.
    /// Reg. 34 co-produced letters: silence counts as consent. Ordinary and urgent letters: seed 001 第五条 puts a
    /// duty on the agency concerned to answer in writing, and only Reg. 34 deems silence consent, so silence is
    /// not consent — the letter is closed as lapsed (an overdue reply by that agency) and, with no objection on
    /// record, the releasing agency decides on its own responsibility (<see cref="DecideAfterSilence"/>).
    /// Returns the letters it closed.
    /// </summary>
    public IReadOnlyList<CoordinationLetter> CloseLapsedLetters(DateOnly today)
    {
        var closed = new List<CoordinationLetter>();
        for (var i = 0; i < _letters.Count; i++)
        {
            var letter = _letters[i];
            if (letter.Status != LetterStatus.Awaiting || today <= letter.DueOn)
            {
                continue;
            }

            var status = letter.Kind == LetterKind.CoProduced ? LetterStatus.DeemedConsent : LetterStatus.Lapsed;
            _letters[i] = letter with { Status = status };
            closed.Add(_letters[i]);
            _events.Add(new LetterLapsed(Id, ReleasingAgencyCode, letter.Agency.AgencyCode, status, letter.DueOn));
        }

        if (closed.Count > 0)
        {
            Resolve();
        }

        return closed;
    }

    /// <summary>
    /// Once every letter is closed: CO-3's competence rule first (an agency whose competence covers the content —
    /// it answered so, or was consulted for its competence — decides, without escalation); an objection no
    /// competence decides is a dispute to escalate; a lapsed ordinary letter leaves the decision to the releasing
    /// agency; otherwise everyone consented.
    /// </summary>
    private void Resolve()
    {
        if (Status != CoordinationStatus.AwaitingAnswers || _letters.Any(l => l.Status == LetterStatus.Awaiting))
        {
            return;
        }

        var closedOn = _letters.Max(l => l.ClosedOn!.Value);
        var changes = _letters.Where(l => l.Answer?.Kind == AnswerKind.ConsentWithChanges).Select(l => l.Answer!.Text!).ToList();
        var competent = _letters.Where(IsCompetentAnswer).ToList();
        var objections = _letters.Where(l => l.Answer?.Kind == AnswerKind.Objection).ToList();

        if (competent.Count > 0)
        {
            var verdicts = competent.Select(CompetentVerdict).Distinct().ToList();
            if (verdicts.Count == 1)
            {
                var permits = verdicts[0];
                EndConsultation(closedOn);
                Conclude(new CoordinationConclusion(
                    permits ? CoordinationOutcome.CompetentOpinionPrevails : CoordinationOutcome.ObjectionPrevails,
                    permits,
                    [.. changes, .. competent.Where(l => permits && l.Answer!.Kind == AnswerKind.CompetentOpinion).Select(l => l.Answer!.Text!)],
                    "CO-3: 政府信息的内容属于" + string.Join("、", competent.Select(l => l.Agency.AgencyName)) + "权限范围，按有权机关的意见处理",
                    closedOn));
                return;
            }

            Status = CoordinationStatus.Disputed; // agencies competent for the content disagree: no competence decides
            return;
        }

        if (objections.Count > 0)
        {
            Status = CoordinationStatus.Disputed;
            return;
        }

        EndConsultation(closedOn);
        if (_letters.Any(l => l.Status == LetterStatus.Lapsed))
        {
            Status = CoordinationStatus.AwaitingAgencyDecision;
            return;
        }

        Conclude(new CoordinationConclusion(CoordinationOutcome.Consent, true, changes,
            _letters.Any(l => l.Status == LetterStatus.DeemedConsent) ? "各机关同意；逾期未提出意见的视为同意公开（条例第三十四条）" : "各机关书面同意",
            closedOn));
    }

    private static bool IsCompetentAnswer(CoordinationLetter letter) =>
        letter.Answer?.Kind == AnswerKind.CompetentOpinion
        || (letter.Answer?.Kind == AnswerKind.Objection && letter.Agency.Ground == ConcernGround.Competence);

    private static bool CompetentVerdict(CoordinationLetter letter) =>
        letter.Answer!.Kind == AnswerKind.CompetentOpinion && letter.Answer.OpinionPermitsRelease == true;

    /// <summary>
    /// CO-3 (seed 001 第六条(二)): a disagreement no competence decides goes from the releasing agency to the OGI
    /// competent department at its level. The consultation goes on until that department decides.
    /// </summary>
    public string Escalate(IAgencyDirectory directory, DateOnly on)
    {
        if (Status != CoordinationStatus.Disputed)
        {
            throw new RuleViolationException("CO-3", $"只有意见分歧且不能依权限确定的，才报请主管部门协调（当前：{Status.Chinese()}）");
        }

        var releasing = directory.Find(ReleasingAgencyCode)
            ?? throw new NotFoundException($"agency {ReleasingAgencyCode} is not in the agency directory");
        if (on < OpenedOn)
        {
            throw new InvalidInputException("escalated_on", "报请协调的日期不能早于协调开始之日");
        }

        EscalatedTo = releasing.CompetentDepartmentCode;
        Status = CoordinationStatus.Escalated;
        _events.Add(new CoordinationEscalated(Id, ReleasingAgencyCode, EscalatedTo, on));
        return EscalatedTo;
    }

    /// <summary>
    /// CO-3: the competent department the dispute went to convenes every unit concerned (and experts) and records
    /// its written decision, binding on all parties and sent to each of them; the coordination concludes with it.
    /// </summary>
    public void RecordBindingDecision(BindingDecision decision)
    {
        if (Status != CoordinationStatus.Escalated)
        {
            throw new RuleViolationException("CO-3", "该协调未报请主管部门协调，不能作出协调决定");
        }

        if (decision.DepartmentCode != EscalatedTo)
        {
            throw new AccessDeniedException($"CO-3: the dispute was escalated to {EscalatedTo}, not {decision.DepartmentCode}");
        }

        var missing = Parties.Except(decision.ConvenedUnits).ToList();
        if (missing.Count > 0)
        {
            throw new RuleViolationException("CO-3", $"协调决定应组织信息涉及的全部单位共同研究协商，未包括：{string.Join("、", missing)}");
        }

        if (string.IsNullOrWhiteSpace(decision.DecisionText))
        {
            throw new InvalidInputException("decision.decision_text", "CO-3: 协调决定应以书面形式作出");
        }

        if (decision.DecidedOn < OpenedOn)
        {
            throw new InvalidInputException("decision.decided_on", "协调决定日期不能早于协调开始之日");
        }

        Decision = decision;
        _events.Add(new BindingDecisionIssued(Id, ReleasingAgencyCode, decision.DepartmentCode, Parties, decision.ReleasePermitted,
            decision.DecisionText, decision.DecidedOn));
        EndConsultation(decision.DecidedOn);
        Conclude(new CoordinationConclusion(CoordinationOutcome.BindingDecision, decision.ReleasePermitted, [], decision.DecisionText, decision.DecidedOn));
    }

    /// <summary>
    /// The releasing agency decides after an ordinary letter lapsed with no objection on record (see the lapse rule).
    /// SR-8: outside Reg. 34 a jointly produced item is released only with the co-producers' written consent, so a
    /// silent co-producer keeps it unreleased.
    /// </summary>
    public void DecideAfterSilence(bool release, string reasons, string decidedBy, DateOnly on)
    {
        if (Status != CoordinationStatus.AwaitingAgencyDecision)
        {
            throw new RuleViolationException("CO-2", "只有协调函逾期未复时，才由发布机关自行决定");
        }

        if (release && _letters.FirstOrDefault(l => l.Status == LetterStatus.Lapsed && l.Agency.Ground == ConcernGround.JointProduction) is { } silent)
        {
            throw new RuleViolationException("SR-8", $"共同制作的信息须经共同制作单位书面同意后发布，{silent.Agency.AgencyName}未书面答复");
        }

        if (string.IsNullOrWhiteSpace(reasons) || string.IsNullOrWhiteSpace(decidedBy))
        {
            throw new InvalidInputException(string.IsNullOrWhiteSpace(reasons) ? "reasons" : "decided_by", "发布机关的决定应写明理由和决定人");
        }

        if (on < ConsultationEndedOn)
        {
            throw new InvalidInputException("decided_on", "决定日期不能早于征求意见结束之日");
        }

        var changes = _letters.Where(l => l.Answer?.Kind == AnswerKind.ConsentWithChanges).Select(l => l.Answer!.Text!).ToList();
        Conclude(new CoordinationConclusion(CoordinationOutcome.AgencyDecision, release, changes, reasons, on));
    }

    private void EndConsultation(DateOnly on)
    {
        ConsultationEndedOn = on;
        _events.Add(new ConsultationEnded(Id, ReleasingAgencyCode, Item.Source, Item.Reference, on));
    }

    private void Conclude(CoordinationConclusion conclusion)
    {
        Conclusion = conclusion;
        Status = CoordinationStatus.Concluded;
        _events.Add(new CoordinationConcluded(Id, ReleasingAgencyCode, Item.Source, Item.Reference, conclusion.Outcome,
            conclusion.ReleasePermitted, conclusion.RequiredChanges, conclusion.ConcludedOn));
    }
}
