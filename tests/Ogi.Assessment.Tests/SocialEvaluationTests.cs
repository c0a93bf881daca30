using Ogi.Assessment.Domain;
using Ogi.Assessment.Domain.Consequences;
using Ogi.Assessment.Domain.SocialEvaluation;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Tests;

public class SocialEvaluationTests
{
    private static readonly RatingScores HundredSixtyZero = new(100m, 60m, 0m);

    private static SocialEvaluationCampaign Campaign(IReadOnlyDictionary<EvaluationMethod, decimal>? weights = null) =>
        new(Guid.NewGuid(), 2026, "2026年度政务公开社会评议", ["A", "B"], Enum.GetValues<EvaluationContent>(),
            weights ?? new Dictionary<EvaluationMethod, decimal>
            {
                [EvaluationMethod.PublicQuestionnaire] = 0.5m,
                [EvaluationMethod.RepresentativePanel] = 0.3m,
                [EvaluationMethod.ThirdPartyEvaluation] = 0.2m,
            },
            HundredSixtyZero);

    [Fact]
    public void AS7_content_items_are_the_seven_of_article_5_quoted()
    {
        Assert.Equal(
            [
                "是否指定机构、人员负责政务公开日常工作",
                "公开的内容是否符合法律法规规章等有关规定",
                "公开的时间是否符合规定的时限要求",
                "公开的方式、渠道和设施是否便捷有效",
                "公开的制度是否健全规范、落实到位",
                "政府信息公开申请办理是否依法依规和高效便民",
                "其他需要进行社会评议的内容",
            ],
            Enum.GetValues<EvaluationContent>().Select(c => c.Chinese()));
        Assert.Equal(["人大代表", "政协委员", "新闻媒体代表", "专家学者"], Enum.GetValues<PanelMemberKind>().Select(k => k.Chinese()));
    }

    [Fact]
    public void AS7_ratings_convert_to_the_scores_set_per_campaign()
    {
        Assert.Equal([100m, 60m, 0m], Enum.GetValues<Rating>().Select(HundredSixtyZero.ScoreOf));
        var gentler = new RatingScores(95m, 75m, 40m);
        Assert.Equal(75m, gentler.ScoreOf(Rating.BasicallySatisfied));
        Assert.Throws<InvalidInputException>(() => new RatingScores(60m, 100m, 0m));
        Assert.Throws<InvalidInputException>(() => new RatingScores(120m, 60m, 0m));
    }

    [Fact]
    public void AS7_campaign_result_is_the_weighted_score_of_its_methods()
    {
        var campaign = Campaign();
        campaign.Announce();
        // A: questionnaire 满意, 满意, 基本满意 → (100 + 100 + 60) / 3 = 86.666…
        campaign.RecordQuestionnaire("A", Rating.Satisfied);
        campaign.RecordQuestionnaire("A", Rating.Satisfied);
        campaign.RecordQuestionnaire("A", Rating.BasicallySatisfied);
        // panel 满意 (人大代表), 不满意 (新闻媒体代表) → 50
        campaign.RecordPanelRating("A", PanelMemberKind.PeoplesCongressDeputy, Rating.Satisfied);
        campaign.RecordPanelRating("A", PanelMemberKind.MediaRepresentative, Rating.Dissatisfied);
        // third party 基本满意 → 60
        campaign.RecordThirdPartyRating("A", Rating.BasicallySatisfied);
        // B: 不满意 everywhere → 0
        campaign.RecordQuestionnaire("B", Rating.Dissatisfied);
        campaign.RecordPanelRating("B", PanelMemberKind.Expert, Rating.Dissatisfied);
        campaign.RecordThirdPartyRating("B", Rating.Dissatisfied);

        var results = campaign.Summarise();

        // A: 0.5 × 86.666… + 0.3 × 50 + 0.2 × 60 = 43.333… + 15 + 12 = 70.333… → 70.33
        var a = results.Single(r => r.AgencyCode == "A");
        Assert.Equal(70.33m, a.Score);
        Assert.Equal(50m, a.MethodScores[EvaluationMethod.RepresentativePanel]);
        Assert.Equal(0m, results.Single(r => r.AgencyCode == "B").Score);
        Assert.Equal(2, campaign.PanelRatings.Count(p => p.Target == "A"));
    }

    [Fact]
    public void AS7_AS9_problems_owe_rectification_and_results_are_published()
    {
        var campaign = Campaign(new Dictionary<EvaluationMethod, decimal> { [EvaluationMethod.PublicQuestionnaire] = 1m });
        Assert.Equal("AS-7", Assert.Throws<RuleViolationException>(() => campaign.RecordQuestionnaire("A", Rating.Satisfied)).RuleId);
        campaign.Announce();
        campaign.RecordQuestionnaire("A", Rating.Satisfied);
        Assert.Throws<InvalidInputException>(() => campaign.RecordPanelRating("A", PanelMemberKind.Expert, Rating.Satisfied));
        Assert.Throws<InvalidInputException>(() => campaign.RecordQuestionnaire("C", Rating.Satisfied));

        var missing = Assert.Throws<RuleViolationException>(campaign.Summarise);
        Assert.Contains("B has no 公众评议", missing.Message, StringComparison.Ordinal);
        campaign.RecordQuestionnaire("B", Rating.Dissatisfied);
        campaign.Summarise();
        var deadline = RectificationDeadline.Compute(Fixtures.Calendar, PolicyProfile.Reg2019, new DateOnly(2026, 3, 2));
        var rectification = campaign.RaiseProblem("B", "政府信息公开申请办理超期", deadline);
        campaign.Publish("市政务公开办", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)));

        var published = Assert.Single(campaign.Events.OfType<SocialEvaluationResultsPublished>());
        Assert.Equal([("A", 100m), ("B", 0m)], published.Results.Select(r => (r.AgencyCode, r.Score)));
        Assert.Equal(RectificationOrigin.SocialEvaluationProblem, rectification.Origin);
        Assert.Equal(new DateOnly(2026, 3, 30), rectification.Deadline.DueDate);
        Assert.Equal("AS-7", Assert.Throws<RuleViolationException>(() => campaign.Publish("市政务公开办", DateTimeOffset.UnixEpoch)).RuleId);
    }

    [Fact]
    public void AS7_unrectified_problem_goes_overdue_and_inadequate_rectification_takes_the_chosen_measure()
    {
        var deadline = RectificationDeadline.Compute(Fixtures.Calendar, PolicyProfile.Reg2019, new DateOnly(2026, 3, 2));
        var criticised = new Rectification(Guid.NewGuid(), "B", RectificationOrigin.SocialEvaluationProblem, Guid.NewGuid(), "超期", deadline);
        criticised.CheckOverdue(new DateOnly(2026, 3, 31));
        Assert.Single(criticised.Events.OfType<RectificationOverdue>());

        criticised.FileReport(new DateOnly(2026, 4, 2), "整改报告");
        Assert.Throws<InvalidInputException>(() => criticised.Conclude(false, null, "整改不力", "市政务公开办", DateTimeOffset.UnixEpoch));
        criticised.Conclude(false, AccountabilityMeasure.CirculatedCriticism, "整改不力", "市政务公开办", DateTimeOffset.UnixEpoch);

        Assert.Equal(AccountabilityMeasure.CirculatedCriticism, Assert.Single(criticised.Events.OfType<RectificationInadequate>()).Measure);
        Assert.Equal("通报批评", AccountabilityMeasure.CirculatedCriticism.Chinese());
    }

    [Fact]
    public void AS7_method_weights_must_sum_to_1()
    {
        var refusal = Assert.Throws<RuleViolationException>(() => Campaign(new Dictionary<EvaluationMethod, decimal>
        {
            [EvaluationMethod.PublicQuestionnaire] = 0.5m,
            [EvaluationMethod.RepresentativePanel] = 0.4m,
        }));

        Assert.Equal("AS-7", refusal.RuleId);
        Assert.Contains("0.9", refusal.Message, StringComparison.Ordinal);
    }
}
