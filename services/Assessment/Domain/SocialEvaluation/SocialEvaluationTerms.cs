using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Domain.SocialEvaluation;

/// <summary>The content of a social evaluation: the seven items of 邯郸市政务公开工作社会评议办法 第五条, quoted (AS-7).</summary>
public enum EvaluationContent
{
    [Label("是否指定机构、人员负责政务公开日常工作")] DesignatedStaff,
    [Label("公开的内容是否符合法律法规规章等有关规定")] LawfulContent,
    [Label("公开的时间是否符合规定的时限要求")] Timeliness,
    [Label("公开的方式、渠道和设施是否便捷有效")] ConvenientChannels,
    [Label("公开的制度是否健全规范、落实到位")] SoundRules,
    [Label("政府信息公开申请办理是否依法依规和高效便民")] ApplicationHandling,
    [Label("其他需要进行社会评议的内容")] Other,
}

/// <summary>How the public is heard (社会评议办法 第七条; domain.md AS-7 names these three).</summary>
public enum EvaluationMethod
{
    [Label("公众评议（调查问卷）")] PublicQuestionnaire,
    [Label("代表评议")] RepresentativePanel,
    [Label("第三方评估")] ThirdPartyEvaluation,
}

/// <summary>Who sits on a representative panel (第七条 (二)).</summary>
public enum PanelMemberKind
{
    [Label("人大代表")] PeoplesCongressDeputy,
    [Label("政协委员")] CppccMember,
    [Label("新闻媒体代表")] MediaRepresentative,
    [Label("专家学者")] Expert,
}

/// <summary>The three ratings of 第八条.</summary>
public enum Rating
{
    [Label("满意")] Satisfied,
    [Label("基本满意")] BasicallySatisfied,
    [Label("不满意")] Dissatisfied,
}

/// <summary>The score each rating converts to, set per campaign (第八条 "或换算成相应分值"; e.g. 100 / 60 / 0).</summary>
public sealed record RatingScores
{
    public RatingScores(decimal satisfied, decimal basicallySatisfied, decimal dissatisfied)
    {
        if (dissatisfied < 0m || basicallySatisfied <= dissatisfied || satisfied <= basicallySatisfied || satisfied > 100m)
        {
            throw new InvalidInputException("rating_scores",
                $"scores must rise within 0–100 (不满意 < 基本满意 < 满意), got {satisfied} / {basicallySatisfied} / {dissatisfied}");
        }

        Satisfied = satisfied;
        BasicallySatisfied = basicallySatisfied;
        Dissatisfied = dissatisfied;
    }

    public decimal Satisfied { get; }

    public decimal BasicallySatisfied { get; }

    public decimal Dissatisfied { get; }

    public decimal ScoreOf(Rating rating) => rating switch
    {
        Rating.Satisfied => Satisfied,
        Rating.BasicallySatisfied => BasicallySatisfied,
        Rating.Dissatisfied => Dissatisfied,
        _ => throw new ArgumentOutOfRangeException(nameof(rating), rating, null),
    };
}

/// <summary>The steps of a social evaluation, 社会评议办法 第六条, in order.</summary>
public enum CampaignStep
{
    [Label("拟定评议方案")] Planned,
    [Label("发布社会评议通知")] Announced,
    [Label("汇总评议结果、确定评议等次")] Rated,
    [Label("书面反馈评议情况并报告")] FeedbackGiven,
}

/// <summary>One target's result: each method's mean score and the weighted campaign score (AS-7).</summary>
public sealed record TargetResult(string AgencyCode, IReadOnlyDictionary<EvaluationMethod, decimal> MethodScores, decimal Score);

/// <summary>AS-9: a social evaluation's results were published.</summary>
public sealed record SocialEvaluationResultsPublished(Guid CampaignId, int Year, string Title, IReadOnlyList<TargetResult> Results,
    string PublishedBy, DateTimeOffset PublishedAt) : IAssessmentEvent;
