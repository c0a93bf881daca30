namespace Ogi.Intake.Domain;

/// <summary>INT-7: 按件 or 按量, one per application, never both (国办函〔2020〕109号).</summary>
public enum FeeMethod
{
    [BuildingBlocks.Domain.Label("按件计收")] PerApplication = 1,
    [BuildingBlocks.Domain.Label("按量计收")] PerVolume = 2,
}

/// <summary>
/// INT-7 信息处理费, excess-progressive, on the thresholds of reference-data.md. Amounts in 元 (whole yuan).
/// </summary>
public static class InformationProcessingFee
{
    /// <summary>
    /// 按件: the fee for the applicant's <paramref name="ordinalThisMonth"/>-th application of the calendar month:
    /// 1–10 free; 11–30 100 元 each; from the 31st, bands of ten each 100 元 dearer than the band before.
    /// </summary>
    public static decimal PerApplication(int ordinalThisMonth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ordinalThisMonth, 1);
        return ordinalThisMonth switch
        {
            <= 10 => 0m,
            <= 30 => 100m,
            _ => 100m * (2 + ((ordinalThisMonth - 31) / 10)),
        };
    }

    /// <summary>按量: pages 1–30 free; 31–100 10 元/page; 101–200 20 元/page; from 201 40 元/page.</summary>
    public static decimal PerVolume(int pages)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pages);
        return (10m * PagesBetween(pages, 31, 100)) + (20m * PagesBetween(pages, 101, 200)) + (40m * Math.Max(0, pages - 200));
    }

    private static int PagesBetween(int pages, int first, int last) => Math.Max(0, Math.Min(pages, last) - first + 1);
}
