using Ogi.Assessment.Domain;
using Ogi.Assessment.Domain.AnnualReport;
using Ogi.BuildingBlocks.Domain;
using static Ogi.Assessment.Domain.AnnualReport.ApplicantType;
using static Ogi.Assessment.Domain.AnnualReport.OutcomeReason;
using static Ogi.Assessment.Domain.AnnualReport.ReplyOutcome;

namespace Ogi.Assessment.Tests;

public class AnnualReportTests
{
    private static int _next;

    private static ApplicationFact Fact(ApplicantType type, string received, string? replied = null, ReplyOutcome? outcome = null,
        OutcomeReason? reason = null) =>
        new(new Guid(Interlocked.Increment(ref _next), 0, 0, new byte[8]), type, DateOnly.Parse(received, System.Globalization.CultureInfo.InvariantCulture),
            replied is null ? null : DateOnly.Parse(replied, System.Globalization.CultureInfo.InvariantCulture),
            outcome ?? reason?.Outcome(), reason);

    /// <summary>One agency's applications around 2025: 32 facts, of which 30 count in the 2025 report.</summary>
    private static List<ApplicationFact> ScriptedYear() =>
    [
        // Carried over from 2024 (received in 2024, not replied by 1 January 2025).
        Fact(NaturalPerson, "2024-12-10", "2025-01-08", Disclosed),
        Fact(NaturalPerson, "2024-12-20", "2025-01-15", reason: ThirdPartyRights),
        Fact(CommercialEnterprise, "2024-12-28", "2025-01-20", PartiallyDisclosed),
        Fact(CommercialEnterprise, "2024-12-30"), // still open at the end of 2025: 二 and 四
        // Not in the 2025 report: closed in 2024, received in 2026.
        Fact(NaturalPerson, "2024-11-01", "2024-11-20", Disclosed),
        Fact(NaturalPerson, "2026-01-05"),
        // Received in 2025.
        Fact(NaturalPerson, "2025-02-10", "2025-03-05", Disclosed),
        Fact(NaturalPerson, "2025-02-11", "2025-03-01", Disclosed),
        Fact(NaturalPerson, "2025-03-03", "2025-03-20", Disclosed),
        Fact(NaturalPerson, "2025-04-01", "2025-04-25", PartiallyDisclosed),
        Fact(NaturalPerson, "2025-04-02", "2025-04-28", reason: NotHeld),
        Fact(NaturalPerson, "2025-05-06", "2025-05-30", reason: NotHeld),
        Fact(NaturalPerson, "2025-05-07", "2025-06-03", reason: PetitionOrComplaint),
        Fact(NaturalPerson, "2025-06-10", "2025-06-12", reason: Repeated),
        Fact(NaturalPerson, "2025-07-01", "2025-07-29", reason: CorrectionNotSupplied),
        Fact(NaturalPerson, "2025-10-13", "2025-11-07", reason: ProcessInformation),
        Fact(NaturalPerson, "2025-11-17", "2025-12-12", reason: StillUnclearAfterCorrection),
        Fact(NaturalPerson, "2025-12-15"),
        Fact(NaturalPerson, "2025-12-20", "2026-01-10", Disclosed), // replied after the year: 四
        Fact(NaturalPerson, "2025-12-29"),
        Fact(CommercialEnterprise, "2025-03-10", "2025-04-01", Disclosed),
        Fact(CommercialEnterprise, "2025-05-12", "2025-06-05", reason: ProcessInformation),
        Fact(CommercialEnterprise, "2025-08-01", "2025-08-22", reason: FeeNotPaid),
        Fact(CommercialEnterprise, "2025-12-25"),
        Fact(ResearchInstitution, "2025-04-14", "2025-05-09", Disclosed),
        Fact(ResearchInstitution, "2025-09-01", "2025-09-26", reason: WouldNeedCreating),
        Fact(PublicWelfareOrganisation, "2025-06-02", "2025-06-27", PartiallyDisclosed),
        Fact(LegalServiceInstitution, "2025-03-17", "2025-04-10", reason: EnforcementFile),
        Fact(LegalServiceInstitution, "2025-10-09", "2025-11-05", reason: ConfirmOrReissue),
        Fact(LegalServiceInstitution, "2025-11-03", "2025-11-28", Disclosed),
        Fact(ApplicantType.Other, "2025-01-06", "2025-01-24", reason: StateSecret),
        Fact(ApplicantType.Other, "2025-07-14", "2025-08-08", reason: OtherReason),
    ];

    // Worked by hand from the list above. Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
    private static readonly long[,] Expected2025 =
    {
        { 14, 4, 2, 1, 3, 2, 26 }, // 一、本年新收
        { 2, 2, 0, 0, 0, 0, 4 },   // 二、上年结转
        { 4, 1, 1, 0, 1, 0, 7 },   // （一）予以公开
        { 1, 1, 0, 1, 0, 0, 3 },   // （二）部分公开
        { 0, 0, 0, 0, 0, 1, 1 },   // （三）1.属于国家秘密
        { 0, 0, 0, 0, 0, 0, 0 },   // （三）2.其他法律行政法规禁止公开
        { 0, 0, 0, 0, 0, 0, 0 },   // （三）3.危及“三安全一稳定”
        { 1, 0, 0, 0, 0, 0, 1 },   // （三）4.保护第三方合法权益
        { 0, 0, 0, 0, 0, 0, 0 },   // （三）5.属于三类内部事务信息
        { 1, 1, 0, 0, 0, 0, 2 },   // （三）6.属于四类过程性信息
        { 0, 0, 0, 0, 1, 0, 1 },   // （三）7.属于行政执法案卷
        { 0, 0, 0, 0, 0, 0, 0 },   // （三）8.属于行政查询事项
        { 2, 0, 0, 0, 0, 0, 2 },   // （四）1.本机关不掌握相关政府信息
        { 0, 0, 1, 0, 0, 0, 1 },   // （四）2.没有现成信息需要另行制作
        { 1, 0, 0, 0, 0, 0, 1 },   // （四）3.补正后申请内容仍不明确
        { 1, 0, 0, 0, 0, 0, 1 },   // （五）1.信访举报投诉类申请
        { 1, 0, 0, 0, 0, 0, 1 },   // （五）2.重复申请
        { 0, 0, 0, 0, 0, 0, 0 },   // （五）3.要求提供公开出版物
        { 0, 0, 0, 0, 0, 0, 0 },   // （五）4.无正当理由大量反复申请
        { 0, 0, 0, 0, 1, 0, 1 },   // （五）5.要求行政机关确认或重新出具已获取信息
        { 1, 0, 0, 0, 0, 0, 1 },   // （六）1.逾期不补正
        { 0, 1, 0, 0, 0, 0, 1 },   // （六）2.逾期未缴费
        { 0, 0, 0, 0, 0, 1, 1 },   // （六）3.其他
        { 13, 4, 2, 1, 3, 2, 25 }, // （七）总计
        { 3, 2, 0, 0, 0, 0, 5 },   // 四、结转下年度继续办理
    };

    private static AnnualReport DraftReport(Table3 table)
    {
        var report = new AnnualReport("11130400MB0000000X", "某市人民政府", 2025, ReportingBody.Government, table, new Table4([]));
        report.WriteText(new ReportText("总体情况……", "存在的主要问题……", "无"));
        report.EnterProactiveDisclosure(new Table2(new IssuanceFigures(2, 1, 30), new IssuanceFigures(15, 4, 120), 3200, 150, 12, 35.6m));
        return report;
    }

    [Fact]
    public void AS8_table_3_of_a_scripted_year_equals_the_counts_worked_by_hand()
    {
        var table = Table3Builder.Build(2025, ScriptedYear());

        Assert.Equal(Expected2025, table.Cells());
        Assert.Empty(table.Check());
    }

    [Fact]
    public void AS8_table_3_layout_has_the_national_rows_and_columns()
    {
        Assert.Equal(25, Table3Layout.Rows.Count);
        Assert.Equal(["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
            Enumerable.Range(0, Table3Layout.ColumnCount).Select(Table3Layout.ColumnLabel));
        Assert.Equal("法人或其他组织", Table3Layout.ColumnGroup(3));
        Assert.Equal("三、本年度办理结果 （三）不予公开 3.危及“三安全一稳定”", Table3Layout.RowFor(EndangersSecurityOrStability).FullLabel);
        Assert.Equal("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", Table3Layout.RowFor(CorrectionNotSupplied).Label);
        Assert.Equal("（五）不予处理", Table3Layout.RowFor(ConfirmOrReissue).Heading);
        Assert.Equal("5.要求行政机关确认或重新出具已获取信息", Table3Layout.RowFor(ConfirmOrReissue).Label);
        Assert.Equal("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", Table3Layout.PartiallyDisclosed.Label);
        Assert.Equal("四、结转下年度继续办理", Table3Layout.Rows[^1].Label);
    }

    [Fact]
    public void AS8_an_application_carried_over_from_the_previous_year_is_counted_once()
    {
        var carried = Fact(NaturalPerson, "2024-12-10", "2025-01-08", Disclosed);

        var of2024 = Table3Builder.Build(2024, [carried]);
        var of2025 = Table3Builder.Build(2025, [carried]);

        Assert.Equal((1, 0, 0, 1), (of2024[Table3Layout.NewThisYear, NaturalPerson], of2024[Table3Layout.CarriedOver, NaturalPerson],
            of2024[Table3Layout.Total, NaturalPerson], of2024[Table3Layout.CarriedForward, NaturalPerson]));
        Assert.Equal((0, 1, 1, 1, 0), (of2025[Table3Layout.NewThisYear, NaturalPerson], of2025[Table3Layout.CarriedOver, NaturalPerson],
            of2025[Table3Layout.Disclosed, NaturalPerson], of2025[Table3Layout.Total, NaturalPerson], of2025[Table3Layout.CarriedForward, NaturalPerson]));
        Assert.Equal(1, of2025[Table3Layout.CarriedOver, Table3Layout.TotalColumn]);

        var listedTwice = Assert.Throws<InvalidInputException>(() => Table3Builder.Build(2025, [carried, carried]));
        Assert.Contains(carried.ApplicationId.ToString(), listedTwice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AS8_inconsistent_table_cannot_be_published_and_the_refusal_names_the_cell()
    {
        var built = Table3Builder.Build(2025, ScriptedYear());
        // A staff correction adds one to 四 × 自然人 and keeps the row total in step: only 一 + 二 = 三（七） + 四 breaks.
        var corrected = built.With(Table3Layout.CarriedForward, (int)NaturalPerson, 4)
            .With(Table3Layout.CarriedForward, Table3Layout.TotalColumn, 6);
        var report = DraftReport(corrected);

        var refusal = Assert.Throws<RuleViolationException>(() => report.Publish(new DateOnly(2026, 3, 20)));

        Assert.Equal("AS-8", refusal.RuleId);
        Assert.Contains("四、结转下年度继续办理 × 自然人 is 4; 一 + 二 − 三（七） gives 3", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("四、结转下年度继续办理 × 总计 is 6; 一 + 二 − 三（七） gives 5", refusal.Message, StringComparison.Ordinal);
        Assert.Null(report.PublishedOn);
    }

    [Fact]
    public void AS8_check_also_catches_a_row_total_and_an_outcome_total_that_do_not_add_up()
    {
        var built = Table3Builder.Build(2025, ScriptedYear());

        // 8 in （一）予以公开 × 总计 breaks its row, and （七）总计 × 总计 no longer sums the outcome rows.
        Assert.Equal(
            [
                "三、本年度办理结果 （一）予以公开 × 总计 is 8; the sum of the six applicant types gives 7",
                "三、本年度办理结果 （七）总计 × 总计 is 25; the sum of the outcome rows （一）–（六） gives 26",
            ],
            built.With(Table3Layout.Disclosed, Table3Layout.TotalColumn, 8).Check().Select(d => d.ToString()));

        var outcome = built.With(Table3Layout.RowFor(NotHeld), (int)NaturalPerson, 1)
            .With(Table3Layout.RowFor(NotHeld), Table3Layout.TotalColumn, 1).Check();
        Assert.Equal(
            [(Table3Layout.Total, (int)NaturalPerson), (Table3Layout.Total, Table3Layout.TotalColumn)],
            outcome.Select(d => (d.Row, d.Column)));
    }

    [Fact]
    public void AS8_consistent_report_is_published_and_then_frozen()
    {
        var report = DraftReport(Table3Builder.Build(2025, ScriptedYear()));

        report.Publish(new DateOnly(2026, 3, 20));

        Assert.Equal(new DateOnly(2026, 3, 20), report.PublishedOn);
        Assert.False(report.PublishedLate);
        Assert.Equal("某市人民政府2025年政府信息公开工作年度报告", report.Title);
        Assert.Equal("AS-8", Assert.Throws<RuleViolationException>(() => report.WriteText(new ReportText("改", "改", "改"))).RuleId);
    }

    [Fact]
    public void AS8_report_without_its_text_is_not_published()
    {
        var report = new AnnualReport("X", "某局", 2025, ReportingBody.Department, Table3Builder.Build(2025, ScriptedYear()), new Table4([]));

        Assert.Equal("AS-8", Assert.Throws<RuleViolationException>(() => report.Publish(new DateOnly(2026, 1, 20))).RuleId);
    }

    [Fact]
    public void AS8_due_dates_31_January_31_March_and_20_December()
    {
        Assert.Equal(new DateOnly(2026, 1, 31), ReportDueDates.PublicationDue(2025, ReportingBody.Department));
        Assert.Equal(new DateOnly(2026, 3, 31), ReportDueDates.PublicationDue(2025, ReportingBody.Government));
        Assert.Equal(new DateOnly(2025, 12, 20), ReportDueDates.InternalUnitReportDue(2025));

        var department = new AnnualReport("X", "某局", 2025, ReportingBody.Department, Table3Builder.Build(2025, []), new Table4([]));
        Assert.False(department.IsOverdueOn(new DateOnly(2026, 1, 31)));
        Assert.True(department.IsOverdueOn(new DateOnly(2026, 2, 1)));
    }

    [Fact]
    public void AS8_table_4_counts_recorded_cases_by_proceeding_and_result()
    {
        var table = new Table4(
        [
            new ReviewCase("复-1", ReviewProceeding.Reconsideration, ReviewResult.Upheld),
            new ReviewCase("复-2", ReviewProceeding.Reconsideration, ReviewResult.Upheld),
            new ReviewCase("复-3", ReviewProceeding.Reconsideration, ReviewResult.Corrected),
            new ReviewCase("诉-1", ReviewProceeding.DirectSuit, ReviewResult.Pending),
            new ReviewCase("诉-2", ReviewProceeding.SuitAfterReconsideration, ReviewResult.Other),
        ]);

        Assert.Equal(
            [
                ("行政复议", "结果维持", 2), ("行政复议", "结果纠正", 1), ("行政复议", "其他结果", 0), ("行政复议", "尚未审结", 0), ("行政复议", "总计", 3),
                ("行政诉讼·未经复议直接起诉", "结果维持", 0), ("行政诉讼·未经复议直接起诉", "结果纠正", 0), ("行政诉讼·未经复议直接起诉", "其他结果", 0),
                ("行政诉讼·未经复议直接起诉", "尚未审结", 1), ("行政诉讼·未经复议直接起诉", "总计", 1),
                ("行政诉讼·复议后起诉", "结果维持", 0), ("行政诉讼·复议后起诉", "结果纠正", 0), ("行政诉讼·复议后起诉", "其他结果", 1),
                ("行政诉讼·复议后起诉", "尚未审结", 0), ("行政诉讼·复议后起诉", "总计", 1),
            ],
            table.Cells());
        Assert.Throws<InvalidInputException>(() => new Table4([new ReviewCase("复-1", ReviewProceeding.Reconsideration, ReviewResult.Upheld),
            new ReviewCase("复-1", ReviewProceeding.DirectSuit, ReviewResult.Upheld)]));
    }

    [Fact]
    public void AS8_table_2_lists_the_figures_staff_enter_with_their_labels()
    {
        var table = new Table2(new IssuanceFigures(2, 1, 30), new IssuanceFigures(15, 4, 120), 3200, 150, 12, 35.6m);

        Assert.Equal(10, table.Cells().Count);
        Assert.Contains(("第二十条第（一）项", "行政规范性文件", "现行有效件数", 120m), table.Cells());
        Assert.Contains(("第二十条第（八）项", "行政事业性收费", "本年收费金额（万元）", 35.6m), table.Cells());
        Assert.Throws<InvalidInputException>(() => new Table2(new IssuanceFigures(2, -1, 30), new IssuanceFigures(0, 0, 0), 0, 0, 0, 0m));
    }

    [Fact]
    public void INT8_AS8_a_reply_needs_its_outcome_and_a_sub_reason_exactly_where_the_table_counts_by_one()
    {
        ApplicationFact[] bad =
        [
            Fact(NaturalPerson, "2025-03-01", "2025-03-10"),
            Fact(NaturalPerson, "2025-03-01", "2025-03-10", NotDisclosed),
            Fact(NaturalPerson, "2025-03-01", "2025-03-10", Disclosed, NotHeld),
            Fact(NaturalPerson, "2025-03-01", "2025-03-10", CannotProvide, StateSecret),
            Fact(NaturalPerson, "2025-03-10", "2025-03-01", Disclosed),
            Fact(NaturalPerson, "2025-03-01", null, Disclosed),
            Fact(NaturalPerson, "2025-03-01", "2025-03-10", NotDisclosed, (OutcomeReason)99),
            Fact((ApplicantType)6, "2025-03-01"),
        ];

        foreach (var fact in bad)
        {
            Assert.Throws<InvalidInputException>(() => Table3Builder.Build(2025, [fact]));
        }
    }
}
