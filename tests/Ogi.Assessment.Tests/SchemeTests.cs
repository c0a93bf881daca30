using Ogi.Assessment.Domain;
using Ogi.Assessment.Domain.Procedure;
using Ogi.Assessment.Domain.Schemes;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Tests;

public class SchemeTests
{
    [Fact]
    public void AS1_scheme_whose_points_do_not_sum_to_100_is_refused_with_the_actual_sum()
    {
        var indicators = Fixtures.TenAreas().Take(9).Append(Indicator.Leaf("10", "其他", AssessmentArea.Other, 4.99m));

        var refusal = Assert.Throws<RuleViolationException>(() =>
            new AssessmentScheme(Guid.NewGuid(), 2026, AgencyLevel.County, indicators, Fixtures.SelfAndGroupOnly()));

        Assert.Equal("AS-1", refusal.RuleId);
        Assert.Contains("99.99", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AS1_points_are_summed_exactly_in_decimal()
    {
        Indicator[] thirds =
        [
            Indicator.Leaf("a", "组织保障", AssessmentArea.OrganisationalSupport, 33.33m),
            Indicator.Leaf("b", "主动公开", AssessmentArea.ProactiveDisclosure, 33.33m),
            Indicator.Leaf("c", "依申请公开", AssessmentArea.DisclosureOnRequest, 33.34m),
        ];

        var scheme = new AssessmentScheme(Guid.NewGuid(), 2026, AgencyLevel.City, thirds, Fixtures.SelfAndGroupOnly());

        Assert.Equal(100m, scheme.Leaves().Sum(l => l.Points!.Value));
        Assert.Throws<RuleViolationException>(() => scheme.ReplaceIndicators(thirds.Take(2).Append(
            Indicator.Leaf("c", "依申请公开", AssessmentArea.DisclosureOnRequest, 33.33m))));
    }

    [Fact]
    public void AS1_indicator_tree_covers_the_ten_areas_of_seed_004_article_6()
    {
        Assert.Equal(
            ["组织保障", "政府信息管理", "主动公开", "依申请公开", "政策解读", "回应关切", "公众参与", "平台建设", "监督检查", "其他"],
            Enum.GetValues<AssessmentArea>().Select(a => a.Chinese()));
        Assert.Equal(Enum.GetValues<AssessmentArea>(), Fixtures.Scheme().Indicators.Select(i => i.Area));
    }

    [Fact]
    public void AS1_group_refuses_an_indicator_of_another_area_and_codes_are_unique()
    {
        Assert.Throws<InvalidInputException>(() => Indicator.Group("3", "主动公开", AssessmentArea.ProactiveDisclosure,
            [Indicator.Leaf("3.1", "政策解读", AssessmentArea.PolicyInterpretation, 10m)]));

        var twice = Fixtures.TenAreas().Take(9).Append(Indicator.Leaf("1", "其他", AssessmentArea.Other, 5m));
        var refusal = Assert.Throws<InvalidInputException>(() =>
            new AssessmentScheme(Guid.NewGuid(), 2026, AgencyLevel.County, twice, Fixtures.SelfAndGroupOnly()));
        Assert.Contains("code 1 ", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AS1_frozen_scheme_refuses_every_change()
    {
        var scheme = Fixtures.Scheme();
        var assessment = new AnnualAssessment(Guid.NewGuid(), scheme, ["A"], "主管部门", Fixtures.Start);
        scheme.ChangeThresholds(new GradeThresholds(95m, 85m, 60m)); // still a draft: allowed

        assessment.IssueNotice("主管部门", Fixtures.Start.AddDays(1));

        Assert.True(scheme.IsFrozen);
        Action[] changes =
        [
            () => scheme.ChangeWeights(new ResultWeights(0m, 0.5m, 0.5m, 0m, 0m)),
            () => scheme.ChangeThresholds(GradeThresholds.Default),
            () => scheme.ReplaceIndicators(Fixtures.TenAreas()),
            () => scheme.Bind("4.1", new MeasuredBinding(MeasuredIndicator.OnTimeReplyRate, new ProportionalToRate())),
        ];
        foreach (var change in changes)
        {
            Assert.Equal("AS-1", Assert.Throws<RuleViolationException>(change).RuleId);
        }

        Assert.Equal(95m, scheme.Thresholds.Excellent);
    }

    [Fact]
    public void AS2_weights_not_summing_to_1_are_refused()
    {
        var refusal = Assert.Throws<RuleViolationException>(() => new ResultWeights(0.1m, 0.2m, 0.4m, 0.15m, 0.1m));

        Assert.Equal("AS-2", refusal.RuleId);
        Assert.Contains("0.95", refusal.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidInputException>(() => new ResultWeights(-0.1m, 0.2m, 0.4m, 0.25m, 0.25m));
    }

    [Theory]
    [InlineData("100", "优秀")]
    [InlineData("90", "优秀")]
    [InlineData("89.99", "良好")]
    [InlineData("80", "良好")]
    [InlineData("79.99", "合格")]
    [InlineData("60", "合格")]
    [InlineData("59.99", "不合格")]
    [InlineData("0", "不合格")]
    public void AS5_grade_boundaries_by_default_thresholds(string score, string grade) =>
        Assert.Equal(grade, GradeThresholds.Default.GradeFor(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)).Chinese());

    [Fact]
    public void AS5_thresholds_are_set_by_the_scheme_and_must_rise()
    {
        var strict = new GradeThresholds(95m, 85m, 70m);

        Assert.Equal(Grade.Good, strict.GradeFor(94.99m));
        Assert.Equal(Grade.Fail, strict.GradeFor(69.99m));
        Assert.Throws<InvalidInputException>(() => new GradeThresholds(80m, 90m, 60m));
    }

    [Fact]
    public void AS4_measured_indicator_binding_turns_a_measurement_into_points()
    {
        var scheme = Fixtures.Scheme();
        scheme.Bind("4.1", new MeasuredBinding(MeasuredIndicator.OnTimeReplyRate, new ProportionalToRate()));
        scheme.Bind("4.2", new MeasuredBinding(MeasuredIndicator.OverdueReplies, new DeductionPerCase(2m)));
        var onTime = scheme.Leaf("4.1");
        var overdue = scheme.Leaf("4.2");

        Assert.Equal(9.5m, onTime.Binding!.Rule.PointsFor(0.95m, onTime.Points!.Value));
        Assert.Equal(1m, overdue.Binding!.Rule.PointsFor(2m, overdue.Points!.Value));
        Assert.Equal(0m, overdue.Binding.Rule.PointsFor(7m, overdue.Points.Value));
        Assert.Equal(5m, new FullPointsFromRate(0.9m).PointsFor(0.9m, 5m));
        Assert.Equal(0m, new FullPointsFromRate(0.9m).PointsFor(0.89m, 5m));
        Assert.Equal(100m, scheme.Leaves().Sum(l => l.Points!.Value));
    }

    [Fact]
    public void AS4_measurements_carry_their_cases_and_stay_exact()
    {
        var rate = Measurement.Rate(MeasuredIndicator.ProactiveItemsWithinTwentyWorkingDays, 2, 3, ["P-7"]);
        var overdue = Measurement.Count(MeasuredIndicator.OverdueReplies, ["A-2026-000017", "A-2026-000031"]);

        Assert.Equal(2m / 3m, rate.Value);
        Assert.Equal(1m, Measurement.Rate(MeasuredIndicator.ComplaintsHandledOnTime, 0, 0, []).Value);
        Assert.Equal((2m, 2), (overdue.Value, overdue.Cases.Count));
        Assert.Throws<InvalidInputException>(() => Measurement.Rate(MeasuredIndicator.OverdueReplies, 1, 2, []));
        Assert.Throws<InvalidInputException>(() => Measurement.Rate(MeasuredIndicator.OnTimeReplyRate, 3, 2, []));
        Assert.Throws<InvalidInputException>(() => Measurement.Count(MeasuredIndicator.OnTimeReplyRate, []));
    }

    [Fact]
    public void AS4_binding_refuses_a_rule_of_the_wrong_kind_and_a_group()
    {
        var scheme = Fixtures.Scheme();

        Assert.Throws<InvalidInputException>(() =>
            scheme.Bind("4.2", new MeasuredBinding(MeasuredIndicator.OverdueReplies, new ProportionalToRate())));
        Assert.Throws<InvalidInputException>(() =>
            scheme.Bind("4", new MeasuredBinding(MeasuredIndicator.OnTimeReplyRate, new ProportionalToRate())));
        Assert.Throws<InvalidInputException>(() => new ProportionalToRate().PointsFor(1.2m, 10m));
        Assert.Throws<InvalidInputException>(() => new DeductionPerCase(1m).PointsFor(1.5m, 10m));
    }
}
