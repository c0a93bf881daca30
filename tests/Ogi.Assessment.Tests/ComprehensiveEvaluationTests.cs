using Ogi.Assessment.Domain.Procedure;
using Ogi.Assessment.Domain.Schemes;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Tests;

public class ComprehensiveEvaluationTests
{
    private static Dictionary<ResultSource, decimal> Results(decimal routine, decimal self, decimal centralised, decimal thirdParty, decimal social) =>
        new()
        {
            [ResultSource.Routine] = routine,
            [ResultSource.SelfAssessment] = self,
            [ResultSource.Centralised] = centralised,
            [ResultSource.ThirdParty] = thirdParty,
            [ResultSource.SocialEvaluation] = social,
        };

    [Fact]
    public void AS2_weighted_combination_is_computed_exactly()
    {
        var weights = new ResultWeights(0.1m, 0.2m, 0.4m, 0.15m, 0.15m);

        // 0.1 × 86.5 + 0.2 × 95 + 0.4 × 83.25 + 0.15 × 78.4 + 0.15 × 91.67
        //   = 8.65 + 19 + 33.3 + 11.76 + 13.7505 = 86.4605 → 86.46
        Assert.Equal(86.46m, ComprehensiveEvaluation.FinalScore(weights, Results(86.5m, 95m, 83.25m, 78.4m, 91.67m), "A"));
    }

    [Fact]
    public void AS2_AS5_a_combination_landing_on_90_is_graded_excellent()
    {
        var even = new ResultWeights(0.2m, 0.2m, 0.2m, 0.2m, 0.2m);

        // 0.2 × (89.99 + 90 + 90 + 90 + 90.01) = 0.2 × 450 = 90 exactly → 优秀.
        var score = ComprehensiveEvaluation.FinalScore(even, Results(89.99m, 90m, 90m, 90m, 90.01m), "A");

        Assert.Equal(90m, score);
        Assert.Equal(Grade.Excellent, GradeThresholds.Default.GradeFor(score));
    }

    [Fact]
    public void AS2_rounds_once_at_the_end_half_away_from_zero()
    {
        // Four terms of 0.25 × 80.01 = 20.0025 each: rounding each term would give 80.00; the sum 80.01 is kept.
        var quarters = new ResultWeights(0.25m, 0.25m, 0.25m, 0.25m, 0m);
        Assert.Equal(80.01m, ComprehensiveEvaluation.FinalScore(quarters, Results(80.01m, 80.01m, 80.01m, 80.01m, 0m), "A"));

        // 0.5 × 80.01 + 0.5 × 80 = 80.005 → 80.01 (banker's rounding would give 80.00).
        var halves = new ResultWeights(0m, 0.5m, 0.5m, 0m, 0m);
        Assert.Equal(80.01m, ComprehensiveEvaluation.FinalScore(halves, Results(0m, 80.01m, 80m, 0m, 0m), "A"));
    }

    [Fact]
    public void AS2_a_weighted_result_that_is_missing_is_refused_and_an_unweighted_one_may_be()
    {
        var weights = new ResultWeights(0m, 0.3m, 0.7m, 0m, 0m);
        var partial = new Dictionary<ResultSource, decimal> { [ResultSource.SelfAssessment] = 90m, [ResultSource.Centralised] = 80m };

        Assert.Equal(83m, ComprehensiveEvaluation.FinalScore(weights, partial, "A"));
        partial.Remove(ResultSource.Centralised);
        var refusal = Assert.Throws<RuleViolationException>(() => ComprehensiveEvaluation.FinalScore(weights, partial, "A"));
        Assert.Equal("AS-2", refusal.RuleId);
        Assert.Contains("集中考核", refusal.Message, StringComparison.Ordinal);
    }
}
