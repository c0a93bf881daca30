using Ogi.Assessment.Domain.Consequences;
using Ogi.Assessment.Domain.Schemes;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Domain.Procedure;

/// <summary>A unit's grade made public (AS-9, decision event).</summary>
public sealed record PublishedUnitResult(string AgencyCode, decimal FinalScore, Grade Grade);

/// <summary>AS-9: the assessment results were fed back in writing and published.</summary>
public sealed record AssessmentResultsPublished(Guid AssessmentId, int Year, AgencyLevel Level,
    IReadOnlyList<PublishedUnitResult> Results, string PublishedBy, DateTimeOffset PublishedAt) : IAssessmentEvent;

/// <summary>AS-6: an 优秀 unit is commended (第十一条).</summary>
public sealed record UnitCommended(Guid AssessmentId, int Year, string AgencyCode, decimal FinalScore) : IAssessmentEvent;

/// <summary>AS-6: a 不合格 unit must file a written rectification report by the due date.</summary>
public sealed record RectificationRequired(Guid AssessmentId, Guid RectificationId, string AgencyCode, DateOnly NoticeDate,
    DateOnly DueDate) : IAssessmentEvent;

/// <summary>
/// One year's assessment of the units of a level under a scheme: the procedure of seed 004 第八条 as a state machine
/// (AS-3), the scores and routine checks (AS-2), the comprehensive evaluation and grades (AS-2, AS-5), and the
/// consequences on publication (AS-6, AS-9).
/// </summary>
public sealed class AnnualAssessment
{
    private readonly Dictionary<string, UnitScorecard> _units;
    private readonly List<StepRecord> _steps = [];
    private readonly List<IAssessmentEvent> _events = [];
    private readonly List<VerificationMethod> _verificationMethods = [];
    private readonly List<Rectification> _rectifications = [];
    private IReadOnlyList<UnitResult> _results = [];

    /// <summary>Step (一): the competent department has drawn up the scheme and names the units to assess.</summary>
    public AnnualAssessment(Guid id, AssessmentScheme scheme, IEnumerable<string> agencyCodes, string actor, DateTimeOffset at)
    {
        _units = [];
        foreach (var code in agencyCodes)
        {
            if (string.IsNullOrWhiteSpace(code) || !_units.TryAdd(code, new UnitScorecard(code)))
            {
                throw new InvalidInputException("agency_codes", $"unit \"{code}\" is blank or listed twice");
            }
        }

        if (_units.Count == 0)
        {
            throw new InvalidInputException("agency_codes", "an assessment assesses at least one unit");
        }

        Id = id;
        Scheme = scheme;
        Record(AssessmentStep.Planned, actor, at);
    }

    public Guid Id { get; }

    public AssessmentScheme Scheme { get; }

    public AssessmentStep CurrentStep => _steps[^1].Step;

    public IReadOnlyList<StepRecord> Steps => _steps;

    public IReadOnlyList<VerificationMethod> VerificationMethods => _verificationMethods;

    public IReadOnlyCollection<UnitScorecard> Units => _units.Values;

    public IReadOnlyList<UnitResult> Results => _results;

    public IReadOnlyList<Rectification> Rectifications => _rectifications;

    public IReadOnlyList<IAssessmentEvent> Events => _events;

    public UnitScorecard Unit(string agencyCode) =>
        _units.TryGetValue(agencyCode, out var unit)
            ? unit
            : throw new InvalidInputException("agency_code", $"unit {agencyCode} is not assessed in this assessment");

    /// <summary>Step (二): the notice goes out; the assessment has started, so the scheme freezes (AS-1).</summary>
    public void IssueNotice(string actor, DateTimeOffset at)
    {
        Advance(AssessmentStep.NoticeIssued, actor, at);
        Scheme.Freeze();
    }

    /// <summary>Step (三): a unit's self-assessment score on a leaf, with evidence; only while self-checks run.</summary>
    public void RecordSelfScore(string agencyCode, string indicatorCode, decimal points, string evidence)
    {
        RequireDuring(AssessmentStep.NoticeIssued, "self-assessment scores are recorded after the notice and before materials are closed");
        Unit(agencyCode).RecordSelf(new IndicatorScore(Scheme.Leaf(indicatorCode), points, evidence));
    }

    /// <summary>Step (三) done: the units' self-checks and materials are in.</summary>
    public void CloseSelfCheck(string actor, DateTimeOffset at) => Advance(AssessmentStep.SelfCheckSubmitted, actor, at);

    /// <summary>Step (四): the assessment group's score on a leaf, with evidence; only while verification runs.</summary>
    public void RecordGroupScore(string agencyCode, string indicatorCode, decimal points, string evidence)
    {
        RequireDuring(AssessmentStep.SelfCheckSubmitted, "assessment-group scores are recorded during verification");
        Unit(agencyCode).RecordGroup(new IndicatorScore(Scheme.Leaf(indicatorCode), points, evidence));
    }

    /// <summary>Step (四): the group scores a measured leaf by its binding's rule (AS-4); the evidence lists the cases.</summary>
    public decimal RecordMeasuredScore(string agencyCode, string indicatorCode, Measurement measurement)
    {
        var leaf = Scheme.Leaf(indicatorCode);
        var binding = leaf.Binding
            ?? throw new InvalidInputException("indicator_code", $"{indicatorCode} is not bound to a measured indicator");
        if (binding.Indicator != measurement.Indicator)
        {
            throw new InvalidInputException("measurement.indicator",
                $"{indicatorCode} is scored by {binding.Indicator.Chinese()}, not {measurement.Indicator.Chinese()}");
        }

        var points = binding.Rule.PointsFor(measurement.Value, leaf.Points!.Value);
        var cases = measurement.Cases.Count == 0 ? "无" : string.Join("、", measurement.Cases);
        RecordGroupScore(agencyCode, indicatorCode, points, $"{binding.Indicator.Chinese()} = {measurement.Value}；案件：{cases}");
        return points;
    }

    /// <summary>Step (四) done: verification online, on site or by spot checks.</summary>
    public void CompleteVerification(IReadOnlyCollection<VerificationMethod> methods, string actor, DateTimeOffset at)
    {
        if (methods.Count == 0)
        {
            throw new InvalidInputException("methods", "verification names how it was done: online, on site or spot checks");
        }

        Advance(AssessmentStep.Verified, actor, at);
        _verificationMethods.AddRange(methods.Distinct());
    }

    /// <summary>A routine check through the year (平时检查); accepted until grades are proposed.</summary>
    public void RecordRoutineCheck(string agencyCode, RoutineCheck check)
    {
        RequireBeforeGrades("routine checks");
        Unit(agencyCode).RecordRoutine(check);
    }

    /// <summary>A third-party evaluation result for a unit, out of 100.</summary>
    public void RecordThirdPartyResult(string agencyCode, decimal result)
    {
        RequireBeforeGrades("third-party results");
        Unit(agencyCode).RecordThirdParty(result);
    }

    /// <summary>A social-evaluation result for a unit, out of 100 (AS-7 feeds the assessment).</summary>
    public void RecordSocialEvaluationResult(string agencyCode, decimal result)
    {
        RequireBeforeGrades("social-evaluation results");
        Unit(agencyCode).RecordSocialEvaluation(result);
    }

    /// <summary>Step (五): the comprehensive evaluation of every unit and the proposed grades (AS-2, AS-5).</summary>
    public IReadOnlyList<UnitResult> ProposeGrades(string actor, DateTimeOffset at)
    {
        RequireTransition(AssessmentStep.GradesProposed, actor, at);
        var results = _units.Values.Select(Evaluate).ToList();
        Record(AssessmentStep.GradesProposed, actor, at);
        _results = results;
        return results;
    }

    /// <summary>Step (五) done: the government at this level approves the grades.</summary>
    public void Approve(string actor, DateTimeOffset at) => Advance(AssessmentStep.Approved, actor, at);

    /// <summary>
    /// Step (六): written feedback to each unit and publication (AS-9); 优秀 units are commended and each 不合格 unit
    /// owes a rectification report by <paramref name="rectificationDue"/>'s date (AS-6).
    /// </summary>
    public void PublishFeedback(string actor, DateTimeOffset at, Func<DateOnly, RectificationDeadline> rectificationDue)
    {
        RequireTransition(AssessmentStep.FeedbackPublished, actor, at);
        var noticeDate = DateOnly.FromDateTime(at.ToOffset(WorkingDayCalendar.ChinaOffset).DateTime);
        // Deadlines first: if the calendar cannot give one, nothing is published half-way.
        var rectifications = _results.Where(r => r.Grade == Grade.Fail)
            .Select(r => new Rectification(Guid.NewGuid(), r.AgencyCode, RectificationOrigin.FailedAssessment, Id,
                $"{Scheme.Year}年度政务公开工作考核结果为不合格（{r.FinalScore}分）", rectificationDue(noticeDate)))
            .ToList();
        Record(AssessmentStep.FeedbackPublished, actor, at);
        _events.Add(new AssessmentResultsPublished(Id, Scheme.Year, Scheme.Level,
            _results.Select(r => new PublishedUnitResult(r.AgencyCode, r.FinalScore, r.Grade)).ToList(), actor, at));
        _events.AddRange(_results.Where(r => r.Grade == Grade.Excellent)
            .Select(r => new UnitCommended(Id, Scheme.Year, r.AgencyCode, r.FinalScore)));
        _rectifications.AddRange(rectifications);
        _events.AddRange(rectifications.Select(r =>
            new RectificationRequired(Id, r.Id, r.AgencyCode, noticeDate, r.Deadline.DueDate)));
    }

    private UnitResult Evaluate(UnitScorecard unit)
    {
        var results = new Dictionary<ResultSource, decimal>();
        if (unit.RoutineChecks.Count > 0)
        {
            // The year's routine checks count as their mean, kept at full decimal precision; only the final score is rounded.
            results[ResultSource.Routine] = unit.RoutineChecks.Sum(c => c.Score) / unit.RoutineChecks.Count;
        }

        if (Scheme.Weights.SelfAssessment > 0m)
        {
            results[ResultSource.SelfAssessment] = SumOverLeaves(unit, unit.SelfScores, ResultSource.SelfAssessment);
        }

        if (Scheme.Weights.Centralised > 0m)
        {
            results[ResultSource.Centralised] = SumOverLeaves(unit, unit.GroupScores, ResultSource.Centralised);
        }

        if (unit.ThirdPartyResult is { } thirdParty)
        {
            results[ResultSource.ThirdParty] = thirdParty;
        }

        if (unit.SocialEvaluationResult is { } social)
        {
            results[ResultSource.SocialEvaluation] = social;
        }

        var final = ComprehensiveEvaluation.FinalScore(Scheme.Weights, results, unit.AgencyCode);
        return new UnitResult(unit.AgencyCode, results, final, Scheme.Thresholds.GradeFor(final));
    }

    // Every leaf is scored: a silent zero would hide a missing score behind a low grade.
    private decimal SumOverLeaves(UnitScorecard unit, IReadOnlyDictionary<string, IndicatorScore> scores, ResultSource source)
    {
        var missing = Scheme.Leaves().FirstOrDefault(l => !scores.ContainsKey(l.Code));
        return missing is null
            ? scores.Values.Sum(s => s.Points)
            : throw new RuleViolationException("AS-2", $"unit {unit.AgencyCode} has no {source.Chinese()} score on indicator {missing.Code}");
    }

    private void RequireBeforeGrades(string what)
    {
        if (CurrentStep >= AssessmentStep.GradesProposed)
        {
            throw new RuleViolationException("AS-3", $"{what} are no longer accepted: grades were proposed");
        }
    }

    private void RequireDuring(AssessmentStep step, string why)
    {
        if (CurrentStep != step)
        {
            throw new RuleViolationException("AS-3", $"{why}; the assessment is at 「{CurrentStep.Chinese()}」");
        }
    }

    // Only the next step of 第八条 may follow, by someone named, no earlier than the step before.
    private void RequireTransition(AssessmentStep step, string actor, DateTimeOffset at)
    {
        if (CurrentStep == AssessmentStep.FeedbackPublished)
        {
            throw new RuleViolationException("AS-3", $"the assessment is complete; 「{step.Chinese()}」 cannot follow");
        }

        var expected = CurrentStep + 1;
        if (step != expected)
        {
            throw new RuleViolationException("AS-3",
                $"「{step.Chinese()}」 cannot follow 「{CurrentStep.Chinese()}」; the expected next step is 「{expected.Chinese()}」");
        }

        if (string.IsNullOrWhiteSpace(actor))
        {
            throw new InvalidInputException("actor", "each step records who took it");
        }

        if (at < _steps[^1].At)
        {
            throw new InvalidInputException("at", $"「{step.Chinese()}」 cannot be dated before the previous step ({_steps[^1].At:O})");
        }
    }

    private void Advance(AssessmentStep step, string actor, DateTimeOffset at)
    {
        RequireTransition(step, actor, at);
        Record(step, actor, at);
    }

    private void Record(AssessmentStep step, string actor, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            throw new InvalidInputException("actor", "each step records who took it");
        }

        _steps.Add(new StepRecord(step, actor, at));
    }
}
