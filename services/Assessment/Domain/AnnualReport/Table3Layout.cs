using Ogi.BuildingBlocks.Domain;
namespace Ogi.Assessment.Domain.AnnualReport;

/// <summary>
/// One numbered row of table 三 with its labels as printed: the section (一 … 四), the outcome heading for sub-reason
/// rows, and the row's own label.
/// </summary>
public sealed record Table3Row(int Index, string Section, string? Heading, string Label)
{
    /// <summary>Where the row sits, e.g. "三、本年度办理结果 （三）不予公开 1.属于国家秘密".</summary>
    public string FullLabel => string.Join(' ', new[] { Section, Heading, Label }.Where(s => s is not null && s != Label)
        .Append(Label));
}

/// <summary>The rows and columns of table 三 — 收到和处理政府信息公开申请情况 (reference-data.md; 国办公开办函〔2021〕30号).</summary>
public static class Table3Layout
{
    public const string Title = "三、收到和处理政府信息公开申请情况";

    private const string Results = "三、本年度办理结果";

    private static readonly string[] OutcomeNumerals = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"];

    public static readonly Table3Row NewThisYear = new(0, "一、本年新收政府信息公开申请数量", null, "一、本年新收政府信息公开申请数量");

    public static readonly Table3Row CarriedOver = new(1, "二、上年结转政府信息公开申请数量", null, "二、上年结转政府信息公开申请数量");

    public static readonly Table3Row Disclosed = new(2, Results, null, "（一）" + ReplyOutcome.Disclosed.Chinese());

    public static readonly Table3Row PartiallyDisclosed = new(3, Results, null, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）");

    /// <summary>The 19 sub-reason rows, in the table's order, numbered from 1 within their outcome.</summary>
    public static readonly IReadOnlyList<Table3Row> ReasonRows = Enum.GetValues<OutcomeReason>()
        .Select((reason, i) => new Table3Row(4 + i, Results, OutcomeNumerals[(int)reason.Outcome()] + reason.Outcome().Chinese(),
            $"{NumberWithinOutcome(reason)}.{reason.Chinese()}"))
        .ToList();

    public static readonly Table3Row Total = new(4 + ReasonRows.Count, Results, null, "（七）总计");

    public static readonly Table3Row CarriedForward = new(Total.Index + 1, "四、结转下年度继续办理", null, "四、结转下年度继续办理");

    public static readonly IReadOnlyList<Table3Row> Rows =
        [NewThisYear, CarriedOver, Disclosed, PartiallyDisclosed, .. ReasonRows, Total, CarriedForward];

    /// <summary>The rows that add up to （七）总计.</summary>
    public static readonly IReadOnlyList<Table3Row> OutcomeRows = [Disclosed, PartiallyDisclosed, .. ReasonRows];

    /// <summary>Columns 0–5 are the applicant types; column 6 is 总计.</summary>
    public const int TotalColumn = 6;

    public const int ColumnCount = 7;

    public const string NaturalPersonGroup = "自然人";

    public const string OrganisationGroup = "法人或其他组织";

    public static string ColumnLabel(int column) => column == TotalColumn ? "总计" : ((ApplicantType)column).Chinese();

    /// <summary>The column header above the label: 法人或其他组织 over its five types.</summary>
    public static string? ColumnGroup(int column) =>
        column is > 0 and < TotalColumn ? OrganisationGroup : null;

    public static Table3Row RowFor(OutcomeReason reason) => ReasonRows[(int)reason];

    private static int NumberWithinOutcome(OutcomeReason reason) =>
        Enum.GetValues<OutcomeReason>().Count(r => r.Outcome() == reason.Outcome() && r <= reason);
}
