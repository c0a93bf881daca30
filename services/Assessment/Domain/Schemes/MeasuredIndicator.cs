using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Domain.Schemes;

/// <summary>What the platform measures from its own events per agency and period (AS-4).</summary>
public enum MeasuredIndicator
{
    /// <summary>A rate in [0, 1].</summary>
    [Label("依申请公开按时答复率")] OnTimeReplyRate,

    /// <summary>A count of cases.</summary>
    [Label("逾期答复件数")] OverdueReplies,

    /// <summary>A rate in [0, 1].</summary>
    [Label("发布信息经保密审查比例")] ShareOfReleasesReviewed,

    /// <summary>A rate in [0, 1].</summary>
    [Label("发布协调按时回复率")] CoordinationRepliesOnTime,

    /// <summary>A rate in [0, 1].</summary>
    [Label("投诉举报按时办理率")] ComplaintsHandledOnTime,

    /// <summary>A rate in [0, 1].</summary>
    [Label("主动公开事项20个工作日内公开比例")] ProactiveItemsWithinTwentyWorkingDays,
}

public static class MeasuredIndicators
{
    /// <summary>Overdue replies is the one count; every other measure is a rate.</summary>
    public static bool IsRate(this MeasuredIndicator indicator) => indicator != MeasuredIndicator.OverdueReplies;
}

/// <summary>How a measurement becomes points on a leaf indicator (AS-4 beside the manual scores).</summary>
public abstract record MeasurementRule
{
    /// <summary>The points the measurement earns on a leaf worth <paramref name="leafPoints"/>; never above them, never below 0.</summary>
    public abstract decimal PointsFor(decimal measurement, decimal leafPoints);

    /// <summary>Whether this rule reads a rate or a count.</summary>
    public abstract bool ReadsRate { get; }
}

/// <summary>Points in proportion to a rate: a 95 % on-time rate on a 10-point leaf earns 9.5.</summary>
public sealed record ProportionalToRate : MeasurementRule
{
    public override bool ReadsRate => true;

    public override decimal PointsFor(decimal measurement, decimal leafPoints)
    {
        if (measurement is < 0m or > 1m)
        {
            throw new InvalidInputException("measurement", $"a rate lies between 0 and 1, got {measurement}");
        }

        return leafPoints * measurement;
    }
}

/// <summary>Full points at or above a minimum rate, none below it.</summary>
public sealed record FullPointsFromRate(decimal MinimumRate) : MeasurementRule
{
    public override bool ReadsRate => true;

    public override decimal PointsFor(decimal measurement, decimal leafPoints)
    {
        if (measurement is < 0m or > 1m)
        {
            throw new InvalidInputException("measurement", $"a rate lies between 0 and 1, got {measurement}");
        }

        return measurement >= MinimumRate ? leafPoints : 0m;
    }
}

/// <summary>Points less a deduction per case counted (e.g. 1 point per overdue reply), not below 0.</summary>
public sealed record DeductionPerCase(decimal PointsPerCase) : MeasurementRule
{
    public override bool ReadsRate => false;

    public override decimal PointsFor(decimal measurement, decimal leafPoints)
    {
        if (measurement < 0m || measurement != decimal.Truncate(measurement))
        {
            throw new InvalidInputException("measurement", $"a count of cases is a whole number ≥ 0, got {measurement}");
        }

        return Math.Max(0m, leafPoints - (measurement * PointsPerCase));
    }
}

/// <summary>A leaf indicator linked to a measured indicator and the rule that scores it.</summary>
public sealed record MeasuredBinding(MeasuredIndicator Indicator, MeasurementRule Rule);

/// <summary>
/// One measured number for an agency and period, with the cases behind it (AS-4: assessors see the cases beside the
/// number). A rate is kept as its fraction so that it stays exact.
/// </summary>
public sealed record Measurement
{
    private Measurement(MeasuredIndicator indicator, decimal value, IReadOnlyList<string> cases)
    {
        Indicator = indicator;
        Value = value;
        Cases = cases;
    }

    public MeasuredIndicator Indicator { get; }

    public decimal Value { get; }

    /// <summary>References of the cases counted (for a rate: those that fell short).</summary>
    public IReadOnlyList<string> Cases { get; }

    /// <summary>A rate: <paramref name="met"/> of <paramref name="total"/> cases (no cases at all counts as fully met).</summary>
    public static Measurement Rate(MeasuredIndicator indicator, int met, int total, IReadOnlyList<string> shortfalls)
    {
        if (!indicator.IsRate())
        {
            throw new InvalidInputException("indicator", $"{indicator.Chinese()} is a count, not a rate");
        }

        if (met < 0 || total < met)
        {
            throw new InvalidInputException("measurement", $"{met} of {total} is not a rate");
        }

        return new Measurement(indicator, total == 0 ? 1m : (decimal)met / total, shortfalls);
    }

    /// <summary>A count: the number of cases listed.</summary>
    public static Measurement Count(MeasuredIndicator indicator, IReadOnlyList<string> cases) =>
        indicator.IsRate()
            ? throw new InvalidInputException("indicator", $"{indicator.Chinese()} is a rate, not a count")
            : new Measurement(indicator, cases.Count, cases);
}
