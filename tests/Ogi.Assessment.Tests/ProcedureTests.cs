using Ogi.Assessment.Domain;
using Ogi.Assessment.Domain.Consequences;
using Ogi.Assessment.Domain.Procedure;
using Ogi.Assessment.Domain.Schemes;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Tests;

public class ProcedureTests
{
    private static readonly DateTimeOffset Planned = new(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(8));

    // 2026-03-01 23:30 UTC is 2026-03-02 07:30 in Asia/Shanghai: the notice is dated 2 March.
    private static readonly DateTimeOffset Published = new(2026, 3, 1, 23, 30, 0, TimeSpan.Zero);

    private static RectificationDeadline Due(DateOnly notice) =>
        RectificationDeadline.Compute(Fixtures.Calendar, PolicyProfile.Reg2019, notice);

    private static AnnualAssessment NewAssessment(AssessmentScheme scheme, params string[] units) =>
        new(Guid.NewGuid(), scheme, units, "县政务公开办", Planned);

    private static void ScoreEveryLeaf(AnnualAssessment assessment, string unit, bool self, Func<Indicator, decimal> points)
    {
        foreach (var leaf in assessment.Scheme.Leaves())
        {
            if (self)
            {
                assessment.RecordSelfScore(unit, leaf.Code, points(leaf), "自查材料第" + leaf.Code + "项");
            }
            else if (!assessment.Unit(unit).GroupScores.ContainsKey(leaf.Code))
            {
                assessment.RecordGroupScore(unit, leaf.Code, points(leaf), "考核组核查记录第" + leaf.Code + "项");
            }
        }
    }

    [Fact]
    public void AS3_procedure_cannot_skip_a_step_and_names_the_expected_one()
    {
        var assessment = NewAssessment(Fixtures.Scheme(), "A");

        var skipNotice = Assert.Throws<RuleViolationException>(() => assessment.Approve("县政府", Planned.AddDays(1)));
        assessment.IssueNotice("县政务公开办", Planned.AddDays(1));
        var skipSelfCheck = Assert.Throws<RuleViolationException>(() => assessment.ProposeGrades("考核组", Planned.AddDays(2)));

        Assert.Equal("AS-3", skipNotice.RuleId);
        Assert.Contains("「下发考核通知」", skipNotice.Message, StringComparison.Ordinal);
        Assert.Equal("AS-3", skipSelfCheck.RuleId);
        Assert.Contains("expected next step is 「单位自查并报送材料」", skipSelfCheck.Message, StringComparison.Ordinal);
        Assert.Equal(AssessmentStep.NoticeIssued, assessment.CurrentStep);
    }

    [Fact]
    public void AS3_procedure_cannot_repeat_or_go_back()
    {
        var assessment = NewAssessment(Fixtures.Scheme(), "A");
        assessment.IssueNotice("县政务公开办", Planned.AddDays(1));
        assessment.CloseSelfCheck("县政务公开办", Planned.AddDays(10));

        Assert.Equal("AS-3", Assert.Throws<RuleViolationException>(() => assessment.CloseSelfCheck("县政务公开办", Planned.AddDays(11))).RuleId);
        Assert.Equal("AS-3", Assert.Throws<RuleViolationException>(() => assessment.IssueNotice("县政务公开办", Planned.AddDays(11))).RuleId);
        Assert.Throws<InvalidInputException>(() => assessment.CompleteVerification([VerificationMethod.Online], "考核组", Planned.AddDays(9)));
        Assert.Throws<InvalidInputException>(() => assessment.CompleteVerification([], "考核组", Planned.AddDays(12)));
        Assert.Equal(AssessmentStep.SelfCheckSubmitted, assessment.CurrentStep);
    }

    [Fact]
    public void AS3_each_transition_records_who_and_when()
    {
        var assessment = NewAssessment(Fixtures.Scheme(), "A");
        assessment.IssueNotice("张处长", Planned.AddDays(1));
        assessment.CloseSelfCheck("李科长", Planned.AddDays(10));
        assessment.CompleteVerification([VerificationMethod.Online, VerificationMethod.SpotCheck], "考核组", Planned.AddDays(20));

        Assert.Equal(
            [
                new StepRecord(AssessmentStep.Planned, "县政务公开办", Planned),
                new StepRecord(AssessmentStep.NoticeIssued, "张处长", Planned.AddDays(1)),
                new StepRecord(AssessmentStep.SelfCheckSubmitted, "李科长", Planned.AddDays(10)),
                new StepRecord(AssessmentStep.Verified, "考核组", Planned.AddDays(20)),
            ],
            assessment.Steps);
        Assert.Equal([VerificationMethod.Online, VerificationMethod.SpotCheck], assessment.VerificationMethods);
        Assert.Throws<InvalidInputException>(() => assessment.ProposeGrades(" ", Planned.AddDays(21)));
    }

    [Fact]
    public void AS3_scores_are_taken_only_in_their_step_and_never_above_the_points()
    {
        var assessment = NewAssessment(Fixtures.Scheme(), "A");

        Assert.Equal("AS-3", Assert.Throws<RuleViolationException>(() => assessment.RecordSelfScore("A", "1", 5m, "材料")).RuleId);
        assessment.IssueNotice("县政务公开办", Planned.AddDays(1));
        Assert.Throws<InvalidInputException>(() => assessment.RecordSelfScore("A", "1", 10.01m, "材料"));
        Assert.Throws<InvalidInputException>(() => assessment.RecordSelfScore("A", "1", 5m, " "));
        Assert.Throws<InvalidInputException>(() => assessment.RecordSelfScore("A", "3", 5m, "材料"));
        Assert.Throws<InvalidInputException>(() => assessment.RecordSelfScore("B", "1", 5m, "材料"));
        Assert.Equal("AS-3", Assert.Throws<RuleViolationException>(() => assessment.RecordGroupScore("A", "1", 5m, "核查")).RuleId);
        assessment.RecordSelfScore("A", "1", 10m, "领导小组成立文件");

        Assert.Equal(new IndicatorScore(assessment.Scheme.Leaf("1"), 10m, "领导小组成立文件"), assessment.Unit("A").SelfScores["1"]);
    }

    [Fact]
    public void AS2_AS5_AS6_AS9_full_assessment_grades_units_and_publishes_consequences()
    {
        var scheme = Fixtures.Scheme();
        scheme.Bind("4.1", new MeasuredBinding(MeasuredIndicator.OnTimeReplyRate, new ProportionalToRate()));
        var assessment = NewAssessment(scheme, "A", "B");
        assessment.IssueNotice("县政务公开办", Planned.AddDays(1));
        ScoreEveryLeaf(assessment, "A", self: true, leaf => leaf.Points!.Value);
        ScoreEveryLeaf(assessment, "B", self: true, leaf => leaf.Points!.Value / 2);
        assessment.CloseSelfCheck("县政务公开办", Planned.AddDays(10));

        Assert.Throws<InvalidInputException>(() => assessment.RecordMeasuredScore("A", "4.1",
            Measurement.Rate(MeasuredIndicator.ComplaintsHandledOnTime, 1, 1, [])));
        Assert.Throws<InvalidInputException>(() => assessment.RecordMeasuredScore("A", "5",
            Measurement.Rate(MeasuredIndicator.OnTimeReplyRate, 1, 1, [])));
        // A: on-time rate 95 % → 9.5 of 10; 政策解读 8 of 10; everything else full: 97.5.
        Assert.Equal(9.5m, assessment.RecordMeasuredScore("A", "4.1",
            Measurement.Rate(MeasuredIndicator.OnTimeReplyRate, 19, 20, ["A-2026-000017"])));
        assessment.RecordGroupScore("A", "5", 8m, "解读材料不全");
        ScoreEveryLeaf(assessment, "A", self: false, leaf => leaf.Points!.Value);
        // B: 组织保障 0; everything else half: 45.
        assessment.RecordGroupScore("B", "1", 0m, "未成立领导小组");
        ScoreEveryLeaf(assessment, "B", self: false, leaf => leaf.Points!.Value / 2);
        assessment.CompleteVerification([VerificationMethod.OnSite], "考核组", Planned.AddDays(20));

        var results = assessment.ProposeGrades("考核组", Planned.AddDays(25));

        // A: 0.3 × 100 + 0.7 × 97.5 = 30 + 68.25 = 98.25 → 优秀. B: 0.3 × 50 + 0.7 × 45 = 15 + 31.5 = 46.5 → 不合格.
        var a = results.Single(r => r.AgencyCode == "A");
        var b = results.Single(r => r.AgencyCode == "B");
        Assert.Equal((98.25m, Grade.Excellent), (a.FinalScore, a.Grade));
        Assert.Equal((46.5m, Grade.Fail), (b.FinalScore, b.Grade));
        Assert.Equal(97.5m, a.Results[ResultSource.Centralised]);
        Assert.Equal("依申请公开按时答复率 = 0.95；案件：A-2026-000017", assessment.Unit("A").GroupScores["4.1"].Evidence);

        assessment.Approve("县人民政府", Planned.AddDays(30));
        assessment.PublishFeedback("县政务公开办", Published, Due);

        var published = Assert.Single(assessment.Events.OfType<AssessmentResultsPublished>());
        Assert.Equal([new PublishedUnitResult("A", 98.25m, Grade.Excellent), new PublishedUnitResult("B", 46.5m, Grade.Fail)],
            published.Results.OrderBy(r => r.AgencyCode));
        Assert.Equal("A", Assert.Single(assessment.Events.OfType<UnitCommended>()).AgencyCode);
        var required = Assert.Single(assessment.Events.OfType<RectificationRequired>());
        Assert.Equal(("B", new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 30)), (required.AgencyCode, required.NoticeDate, required.DueDate));
        Assert.Equal(required.RectificationId, Assert.Single(assessment.Rectifications).Id);
        Assert.Equal("AS-3", Assert.Throws<RuleViolationException>(() => assessment.PublishFeedback("县政务公开办", Published, Due)).RuleId);
    }

    [Fact]
    public void AS2_routine_third_party_and_social_results_combine_by_the_scheme_weights()
    {
        var assessment = NewAssessment(Fixtures.Scheme(new ResultWeights(0.1m, 0.2m, 0.4m, 0.15m, 0.15m)), "A");
        assessment.RecordRoutineCheck("A", new RoutineCheck(new DateOnly(2026, 1, 20), RoutineCheckMethod.OnlineCheck, 85m, "网站栏目更新不及时"));
        assessment.IssueNotice("县政务公开办", Planned.AddDays(1));
        ScoreEveryLeaf(assessment, "A", self: true, leaf => leaf.Points!.Value);
        assessment.CloseSelfCheck("县政务公开办", Planned.AddDays(10));
        assessment.RecordGroupScore("A", "1", 6.75m, "培训记录缺失");
        ScoreEveryLeaf(assessment, "A", self: false, leaf => leaf.Points!.Value);
        assessment.RecordRoutineCheck("A", new RoutineCheck(new DateOnly(2026, 2, 10), RoutineCheckMethod.RandomSpotCheck, 90m, "抽查无问题"));
        assessment.RecordThirdPartyResult("A", 78.4m);
        assessment.CompleteVerification([VerificationMethod.Online], "考核组", Planned.AddDays(20));

        var missingSocial = Assert.Throws<RuleViolationException>(() => assessment.ProposeGrades("考核组", Planned.AddDays(25)));
        Assert.Equal("AS-2", missingSocial.RuleId);
        Assert.Contains("社会评议", missingSocial.Message, StringComparison.Ordinal);
        Assert.Equal(AssessmentStep.Verified, assessment.CurrentStep);

        assessment.RecordSocialEvaluationResult("A", 91.67m);
        var result = Assert.Single(assessment.ProposeGrades("考核组", Planned.AddDays(25)));

        // routine (85 + 90) / 2 = 87.5; self 100; group 100 − 10 + 6.75 = 96.75.
        // 0.1 × 87.5 + 0.2 × 100 + 0.4 × 96.75 + 0.15 × 78.4 + 0.15 × 91.67
        //   = 8.75 + 20 + 38.7 + 11.76 + 13.7505 = 92.9605 → 92.96 → 优秀
        Assert.Equal(87.5m, result.Results[ResultSource.Routine]);
        Assert.Equal(96.75m, result.Results[ResultSource.Centralised]);
        Assert.Equal((92.96m, Grade.Excellent), (result.FinalScore, result.Grade));
        Assert.Equal("AS-3", Assert.Throws<RuleViolationException>(() => assessment.RecordRoutineCheck("A",
            new RoutineCheck(new DateOnly(2026, 3, 1), RoutineCheckMethod.DailyFeedback, 80m, "迟到的检查"))).RuleId);
    }

    [Fact]
    public void AS2_a_leaf_without_a_group_score_is_not_silently_zero()
    {
        var assessment = NewAssessment(Fixtures.Scheme(), "A");
        assessment.IssueNotice("县政务公开办", Planned.AddDays(1));
        ScoreEveryLeaf(assessment, "A", self: true, leaf => leaf.Points!.Value);
        assessment.CloseSelfCheck("县政务公开办", Planned.AddDays(10));
        foreach (var leaf in assessment.Scheme.Leaves().Where(l => l.Code != "8"))
        {
            assessment.RecordGroupScore("A", leaf.Code, leaf.Points!.Value, "核查记录");
        }

        assessment.CompleteVerification([VerificationMethod.Online], "考核组", Planned.AddDays(20));

        var refusal = Assert.Throws<RuleViolationException>(() => assessment.ProposeGrades("考核组", Planned.AddDays(25)));
        Assert.Equal("AS-2", refusal.RuleId);
        Assert.Contains("unit A has no 集中考核 score on indicator 8", refusal.Message, StringComparison.Ordinal);
    }
}
