using Ogi.Assessment.Domain.Schemes;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Domain.Procedure;

/// <summary>
/// The comprehensive evaluation (综合评价, seed 004 第七条 (四), AS-2): the five results, each out of 100, combined
/// by the scheme's weights in exact decimal arithmetic; rounded once, at the end, to 2 decimals half away from zero.
/// </summary>
public static class ComprehensiveEvaluation
{
    public const int Decimals = 2;

    /// <summary>The final score. A source with weight 0 may be missing; one with a weight may not (AS-2).</summary>
    public static decimal FinalScore(ResultWeights weights, IReadOnlyDictionary<ResultSource, decimal> results, string agencyCode)
    {
        var total = 0m;
        foreach (var source in Enum.GetValues<ResultSource>())
        {
            var weight = weights.Of(source);
            if (weight == 0m)
            {
                continue;
            }

            if (!results.TryGetValue(source, out var result))
            {
                throw new RuleViolationException("AS-2", $"unit {agencyCode} has no {source.Chinese()} result, which the scheme weighs at {weight}");
            }

            total += weight * result;
        }

        return Math.Round(total, Decimals, MidpointRounding.AwayFromZero);
    }
}

/// <summary>A unit's assessment result: the five results, the final score and its grade (AS-2, AS-5).</summary>
public sealed record UnitResult(string AgencyCode, IReadOnlyDictionary<ResultSource, decimal> Results, decimal FinalScore, Grade Grade);
