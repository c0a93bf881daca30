using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Domain.Schemes;

/// <summary>The five results the comprehensive evaluation combines (seed 004 第七条, AS-2).</summary>
public enum ResultSource
{
    [Label("平时检查")] Routine,
    [Label("单位自查")] SelfAssessment,
    [Label("集中考核")] Centralised,
    [Label("第三方评估")] ThirdParty,
    [Label("社会评议")] SocialEvaluation,
}

/// <summary>Weights of the five results in the comprehensive evaluation; each ≥ 0, summing to exactly 1 (AS-2).</summary>
public sealed record ResultWeights
{
    public ResultWeights(decimal routine, decimal selfAssessment, decimal centralised, decimal thirdParty, decimal socialEvaluation)
    {
        Routine = routine;
        SelfAssessment = selfAssessment;
        Centralised = centralised;
        ThirdParty = thirdParty;
        SocialEvaluation = socialEvaluation;
        foreach (var source in Enum.GetValues<ResultSource>())
        {
            if (Of(source) < 0m)
            {
                throw new InvalidInputException("weights", $"the weight of {source.Chinese()} is negative ({Of(source)})");
            }
        }

        var sum = Enum.GetValues<ResultSource>().Sum(Of);
        if (sum != 1m)
        {
            throw new RuleViolationException("AS-2", $"the weights of the comprehensive evaluation must sum to 1; they sum to {sum}");
        }
    }

    public decimal Routine { get; }

    public decimal SelfAssessment { get; }

    public decimal Centralised { get; }

    public decimal ThirdParty { get; }

    public decimal SocialEvaluation { get; }

    public decimal Of(ResultSource source) => source switch
    {
        ResultSource.Routine => Routine,
        ResultSource.SelfAssessment => SelfAssessment,
        ResultSource.Centralised => Centralised,
        ResultSource.ThirdParty => ThirdParty,
        ResultSource.SocialEvaluation => SocialEvaluation,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };
}
