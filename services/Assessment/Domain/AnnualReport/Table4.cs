using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Domain.AnnualReport;

/// <summary>The three column groups of table 四.</summary>
public enum ReviewProceeding
{
    [Label("行政复议")] Reconsideration,
    [Label("行政诉讼·未经复议直接起诉")] DirectSuit,
    [Label("行政诉讼·复议后起诉")] SuitAfterReconsideration,
}

/// <summary>The result columns of each group of table 四 (总计 is their sum).</summary>
public enum ReviewResult
{
    [Label("结果维持")] Upheld,
    [Label("结果纠正")] Corrected,
    [Label("其他结果")] Other,
    [Label("尚未审结")] Pending,
}

/// <summary>A reconsideration or lawsuit about the agency's disclosure work, as recorded for the report year.</summary>
public sealed record ReviewCase(string CaseReference, ReviewProceeding Proceeding, ReviewResult Result);

/// <summary>
/// Table 四 — 政府信息公开行政复议、行政诉讼情况 (AS-8): one row, fifteen columns — for each proceeding the four
/// results and their 总计 — counted from recorded cases.
/// </summary>
public sealed class Table4
{
    public const string Title = "四、政府信息公开行政复议、行政诉讼情况";

    public const string TotalLabel = "总计";

    private readonly int[,] _counts = new int[3, 4];

    public Table4(IEnumerable<ReviewCase> cases)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in cases)
        {
            if (string.IsNullOrWhiteSpace(c.CaseReference) || !seen.Add(c.CaseReference))
            {
                throw new InvalidInputException("cases", $"case \"{c.CaseReference}\" is blank or recorded twice");
            }

            _counts[(int)c.Proceeding, (int)c.Result]++;
        }
    }

    public int this[ReviewProceeding proceeding, ReviewResult result] => _counts[(int)proceeding, (int)result];

    public int Total(ReviewProceeding proceeding) => Enum.GetValues<ReviewResult>().Sum(r => this[proceeding, r]);

    /// <summary>The fifteen cells in the national order, each with its group and column label.</summary>
    public IReadOnlyList<(string Group, string Column, int Count)> Cells() =>
        Enum.GetValues<ReviewProceeding>().SelectMany(p =>
                Enum.GetValues<ReviewResult>().Select(r => (p.Chinese(), r.Chinese(), this[p, r]))
                    .Append((p.Chinese(), TotalLabel, Total(p))))
            .ToList();
}
