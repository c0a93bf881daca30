using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Domain.Schemes;

/// <summary>
/// A yearly assessment scheme for one level (AS-1): the indicator tree over the areas of seed 004 第六条, whose leaf
/// points sum to exactly 100 (百分制, 第九条), the grade thresholds (AS-5) and the weights of the comprehensive
/// evaluation (AS-2). Frozen once its assessment starts: from then on every change is refused.
/// </summary>
public sealed class AssessmentScheme
{
    public const decimal FullMarks = 100m;

    private IReadOnlyList<Indicator> _indicators;

    public AssessmentScheme(Guid id, int year, AgencyLevel level, IEnumerable<Indicator> indicators,
        ResultWeights weights, GradeThresholds? thresholds = null)
    {
        if (year is < 2008 or > 2100)
        {
            throw new InvalidInputException("year", $"{year} is not a plausible assessment year");
        }

        Id = id;
        Year = year;
        Level = level;
        _indicators = Validated(indicators);
        Weights = weights;
        Thresholds = thresholds ?? GradeThresholds.Default;
    }

    public Guid Id { get; }

    public int Year { get; }

    public AgencyLevel Level { get; }

    public IReadOnlyList<Indicator> Indicators => _indicators;

    public ResultWeights Weights { get; private set; }

    public GradeThresholds Thresholds { get; private set; }

    public bool IsFrozen { get; private set; }

    public IEnumerable<Indicator> Leaves() => _indicators.SelectMany(i => i.Leaves());

    /// <summary>The leaf with this code, or INVALID_ARGUMENT naming it.</summary>
    public Indicator Leaf(string code) =>
        Leaves().FirstOrDefault(l => l.Code == code)
        ?? throw new InvalidInputException("indicator_code", $"the {Year} scheme has no leaf indicator {code}");

    public void ReplaceIndicators(IEnumerable<Indicator> indicators)
    {
        RequireNotFrozen();
        _indicators = Validated(indicators);
    }

    public void ChangeWeights(ResultWeights weights)
    {
        RequireNotFrozen();
        Weights = weights;
    }

    public void ChangeThresholds(GradeThresholds thresholds)
    {
        RequireNotFrozen();
        Thresholds = thresholds;
    }

    /// <summary>Links a leaf to a measured indicator and the rule scoring it (AS-4).</summary>
    public void Bind(string leafCode, MeasuredBinding binding)
    {
        RequireNotFrozen();
        var leaf = Leaf(leafCode);
        _indicators = _indicators.Select(i => i.Replacing(leafCode, leaf.WithBinding(binding))).ToList();
    }

    /// <summary>Called when the assessment using this scheme starts (its notice goes out).</summary>
    public void Freeze() => IsFrozen = true;

    private void RequireNotFrozen()
    {
        if (IsFrozen)
        {
            throw new RuleViolationException("AS-1", $"the {Year} scheme is frozen: its assessment has started, so it can no longer change");
        }
    }

    private IReadOnlyList<Indicator> Validated(IEnumerable<Indicator> indicators)
    {
        var list = indicators.ToList();
        var duplicate = list.SelectMany(i => i.SelfAndDescendants()).GroupBy(i => i.Code).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidInputException("indicators", $"indicator code {duplicate.Key} is used more than once");
        }

        // Exact decimal sum: 33.33 + 33.33 + 33.34 is 100, 33.33 × 3 is not.
        var sum = list.Sum(i => i.TotalPoints);
        if (sum != FullMarks)
        {
            throw new RuleViolationException("AS-1", $"the leaf points of the {Year} scheme must sum to exactly 100; they sum to {sum}");
        }

        return list;
    }
}
