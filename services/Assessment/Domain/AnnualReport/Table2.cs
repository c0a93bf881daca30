using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Domain.AnnualReport;

/// <summary>Regulations or normative documents made, repealed and in force (第二十条第（一）项).</summary>
public sealed record IssuanceFigures(int IssuedThisYear, int RepealedThisYear, int InForce);

/// <summary>
/// Table 二 — 主动公开政府信息情况 (AS-8), from figures staff enter: 第二十条第（一）项 规章 and 行政规范性文件 (made, repealed,
/// in force); 第（五）项 行政许可, 第（六）项 行政处罚 and 行政强制 (decisions this year); 第（八）项 行政事业性收费 (万元).
/// </summary>
public sealed record Table2
{
    public const string Title = "二、主动公开政府信息情况";

    public Table2(IssuanceFigures rules, IssuanceFigures normativeDocuments, int licensingDecisions, int penaltyDecisions,
        int enforcementDecisions, decimal feesTenThousandYuan)
    {
        Rules = rules;
        NormativeDocuments = normativeDocuments;
        LicensingDecisions = licensingDecisions;
        PenaltyDecisions = penaltyDecisions;
        EnforcementDecisions = enforcementDecisions;
        FeesTenThousandYuan = feesTenThousandYuan;
        var negative = Cells().FirstOrDefault(c => c.Value < 0m);
        if (negative != default)
        {
            throw new InvalidInputException("table2", $"{negative.Item} · {negative.Column} is negative");
        }
    }

    public IssuanceFigures Rules { get; }

    public IssuanceFigures NormativeDocuments { get; }

    public int LicensingDecisions { get; }

    public int PenaltyDecisions { get; }

    public int EnforcementDecisions { get; }

    public decimal FeesTenThousandYuan { get; }

    /// <summary>Every figure with its article, item and column label as printed.</summary>
    public IReadOnlyList<(string Article, string Item, string Column, decimal Value)> Cells() =>
    [
        .. Issuance("规章", Rules),
        .. Issuance("行政规范性文件", NormativeDocuments),
        ("第二十条第（五）项", "行政许可", "本年处理决定数量", LicensingDecisions),
        ("第二十条第（六）项", "行政处罚", "本年处理决定数量", PenaltyDecisions),
        ("第二十条第（六）项", "行政强制", "本年处理决定数量", EnforcementDecisions),
        ("第二十条第（八）项", "行政事业性收费", "本年收费金额（万元）", FeesTenThousandYuan),
    ];

    private static IEnumerable<(string, string, string, decimal)> Issuance(string item, IssuanceFigures figures) =>
    [
        ("第二十条第（一）项", item, "本年制发件数", figures.IssuedThisYear),
        ("第二十条第（一）项", item, "本年废止件数", figures.RepealedThisYear),
        ("第二十条第（一）项", item, "现行有效件数", figures.InForce),
    ];
}
