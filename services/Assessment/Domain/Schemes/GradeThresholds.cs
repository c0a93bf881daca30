using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Domain.Schemes;

/// <summary>The four grades of seed 004 第九条 (AS-5).</summary>
public enum Grade
{
    [Label("优秀")] Excellent,
    [Label("良好")] Good,
    [Label("合格")] Pass,
    [Label("不合格")] Fail,
}

/// <summary>Lowest final score of each grade, set in the scheme (AS-5; default 90 / 80 / 60, below 60 不合格).</summary>
public sealed record GradeThresholds
{
    public static readonly GradeThresholds Default = new(90m, 80m, 60m);

    public GradeThresholds(decimal excellent, decimal good, decimal pass)
    {
        if (pass <= 0m || good <= pass || excellent <= good || excellent > 100m)
        {
            throw new InvalidInputException("grade_thresholds",
                $"thresholds must rise within 0–100 (合格 < 良好 < 优秀 ≤ 100), got 优秀 {excellent}, 良好 {good}, 合格 {pass}");
        }

        Excellent = excellent;
        Good = good;
        Pass = pass;
    }

    public decimal Excellent { get; }

    public decimal Good { get; }

    public decimal Pass { get; }

    /// <summary>The grade of a final score: a threshold is reached at or above it (89.99 → 良好, 90 → 优秀).</summary>
    public Grade GradeFor(decimal finalScore) =>
        finalScore >= Excellent ? Grade.Excellent
        : finalScore >= Good ? Grade.Good
        : finalScore >= Pass ? Grade.Pass
        : Grade.Fail;
}
