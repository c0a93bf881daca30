using Ogi.Assessment.Domain.Schemes;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Domain.Procedure;

/// <summary>A score on one leaf indicator with the evidence behind it (text or a document reference).</summary>
public sealed record IndicatorScore
{
    public IndicatorScore(Indicator leaf, decimal points, string evidence)
    {
        if (points < 0m || points > leaf.Points)
        {
            throw new InvalidInputException("score.points", $"{leaf.Code} is worth {leaf.Points} points; a score of {points} is outside 0–{leaf.Points}");
        }

        if (string.IsNullOrWhiteSpace(evidence))
        {
            throw new InvalidInputException("score.evidence", $"the score on {leaf.Code} needs its evidence");
        }

        IndicatorCode = leaf.Code;
        Points = points;
        Evidence = evidence;
    }

    public string IndicatorCode { get; }

    public decimal Points { get; }

    public string Evidence { get; }
}

/// <summary>A routine check of a unit during the year (平时检查, AS-2) and the score it gave, out of 100.</summary>
public sealed record RoutineCheck
{
    public RoutineCheck(DateOnly on, RoutineCheckMethod method, decimal score, string finding)
    {
        if (score is < 0m or > AssessmentScheme.FullMarks)
        {
            throw new InvalidInputException("routine_check.score", $"a routine-check score lies within 0–100, got {score}");
        }

        if (string.IsNullOrWhiteSpace(finding))
        {
            throw new InvalidInputException("routine_check.finding", "a routine check records what it found");
        }

        On = on;
        Method = method;
        Score = score;
        Finding = finding;
    }

    public DateOnly On { get; }

    public RoutineCheckMethod Method { get; }

    public decimal Score { get; }

    public string Finding { get; }
}

/// <summary>Everything recorded about one assessed unit: scores per indicator, routine checks, outside results.</summary>
public sealed class UnitScorecard(string agencyCode)
{
    private readonly Dictionary<string, IndicatorScore> _selfScores = [];
    private readonly Dictionary<string, IndicatorScore> _groupScores = [];
    private readonly List<RoutineCheck> _routineChecks = [];

    public string AgencyCode { get; } = agencyCode;

    public IReadOnlyDictionary<string, IndicatorScore> SelfScores => _selfScores;

    public IReadOnlyDictionary<string, IndicatorScore> GroupScores => _groupScores;

    public IReadOnlyList<RoutineCheck> RoutineChecks => _routineChecks;

    public decimal? ThirdPartyResult { get; private set; }

    public decimal? SocialEvaluationResult { get; private set; }

    internal void RecordSelf(IndicatorScore score) => _selfScores[score.IndicatorCode] = score;

    internal void RecordGroup(IndicatorScore score) => _groupScores[score.IndicatorCode] = score;

    internal void RecordRoutine(RoutineCheck check) => _routineChecks.Add(check);

    internal void RecordThirdParty(decimal result) => ThirdPartyResult = RequireOutOf100(result, "third_party_result");

    internal void RecordSocialEvaluation(decimal result) => SocialEvaluationResult = RequireOutOf100(result, "social_evaluation_result");

    private static decimal RequireOutOf100(decimal result, string field) =>
        result is < 0m or > AssessmentScheme.FullMarks
            ? throw new InvalidInputException(field, $"a result lies within 0–100, got {result}")
            : result;
}
