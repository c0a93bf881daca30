using Ogi.Assessment.Domain.Consequences;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Domain.SocialEvaluation;

/// <summary>
/// A social-evaluation campaign (AS-7, 邯郸市政务公开工作社会评议办法): targets, content items, methods weighted to 1,
/// ratings converted to scores set per campaign, each target's weighted result, and the problems found, each
/// owing a rectification report within 20 working days of its notice (第九条).
/// </summary>
public sealed class SocialEvaluationCampaign
{
    private readonly HashSet<string> _targets;
    private readonly Dictionary<(string Target, EvaluationMethod Method), List<decimal>> _scores = [];
    private readonly List<(string Target, PanelMemberKind Member, Rating Rating)> _panelRatings = [];
    private readonly List<Rectification> _rectifications = [];
    private readonly List<IAssessmentEvent> _events = [];
    private IReadOnlyList<TargetResult> _results = [];

    public SocialEvaluationCampaign(Guid id, int year, string title, IEnumerable<string> targets, IEnumerable<EvaluationContent> content,
        IReadOnlyDictionary<EvaluationMethod, decimal> methodWeights, RatingScores ratingScores)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new InvalidInputException("title", "a campaign has a title");
        }

        _targets = [.. targets];
        if (_targets.Count == 0 || _targets.Any(string.IsNullOrWhiteSpace))
        {
            throw new InvalidInputException("targets", "a campaign evaluates at least one unit, each named by its code");
        }

        Content = [.. content.Distinct()];
        if (Content.Count == 0)
        {
            throw new InvalidInputException("content", "a campaign evaluates at least one item of 第五条");
        }

        if (methodWeights.Count == 0 || methodWeights.Values.Any(w => w <= 0m))
        {
            throw new InvalidInputException("method_weights", "a campaign uses at least one method, each with a weight above 0");
        }

        var sum = methodWeights.Values.Sum();
        if (sum != 1m)
        {
            throw new RuleViolationException("AS-7", $"the weights of the evaluation methods must sum to 1; they sum to {sum}");
        }

        Id = id;
        Year = year;
        Title = title;
        MethodWeights = methodWeights;
        RatingScores = ratingScores;
        CurrentStep = CampaignStep.Planned;
    }

    public Guid Id { get; }

    public int Year { get; }

    public string Title { get; }

    public IReadOnlyCollection<string> Targets => _targets;

    public IReadOnlyList<EvaluationContent> Content { get; }

    public IReadOnlyDictionary<EvaluationMethod, decimal> MethodWeights { get; }

    public RatingScores RatingScores { get; }

    public CampaignStep CurrentStep { get; private set; }

    public IReadOnlyList<TargetResult> Results => _results;

    public IReadOnlyList<Rectification> Rectifications => _rectifications;

    public IReadOnlyList<IAssessmentEvent> Events => _events;

    /// <summary>Which kinds of representative rated, for the record of who was heard.</summary>
    public IReadOnlyList<(string Target, PanelMemberKind Member, Rating Rating)> PanelRatings => _panelRatings;

    /// <summary>第六条 (二): the notice or announcement goes out; ratings are collected from now.</summary>
    public void Announce() => Advance(CampaignStep.Announced);

    /// <summary>第七条 (一): one answered public questionnaire rating a target.</summary>
    public void RecordQuestionnaire(string target, Rating rating) =>
        AddScore(target, EvaluationMethod.PublicQuestionnaire, RatingScores.ScoreOf(rating));

    /// <summary>第七条 (二): one panel member's rating of a target.</summary>
    public void RecordPanelRating(string target, PanelMemberKind member, Rating rating)
    {
        AddScore(target, EvaluationMethod.RepresentativePanel, RatingScores.ScoreOf(rating));
        _panelRatings.Add((target, member, rating));
    }

    /// <summary>第七条 (三): a third-party institution's rating of a target.</summary>
    public void RecordThirdPartyRating(string target, Rating rating) =>
        AddScore(target, EvaluationMethod.ThirdPartyEvaluation, RatingScores.ScoreOf(rating));

    /// <summary>
    /// 第六条 (三)–(四): every target's result — per method, the mean of its converted ratings; then the methods
    /// combined by weight, rounded once to 2 decimals half away from zero.
    /// </summary>
    public IReadOnlyList<TargetResult> Summarise()
    {
        RequireStep(CampaignStep.Announced, "results are summarised once ratings are collected");
        var results = _targets.Order(StringComparer.Ordinal).Select(Result).ToList();
        Advance(CampaignStep.Rated);
        _results = results;
        return results;
    }

    /// <summary>A problem found at a target: it owes a rectification report by the deadline (第九条).</summary>
    public Rectification RaiseProblem(string target, string problem, RectificationDeadline deadline)
    {
        if (CurrentStep < CampaignStep.Rated)
        {
            throw new RuleViolationException("AS-7", "problems are raised from the summarised results");
        }

        RequireTarget(target);
        var rectification = new Rectification(Guid.NewGuid(), target, RectificationOrigin.SocialEvaluationProblem, Id, problem, deadline);
        _rectifications.Add(rectification);
        return rectification;
    }

    /// <summary>第六条 (五): written feedback and publication of the results (AS-9).</summary>
    public void Publish(string actor, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            throw new InvalidInputException("actor", "publication records who published");
        }

        Advance(CampaignStep.FeedbackGiven);
        _events.Add(new SocialEvaluationResultsPublished(Id, Year, Title, _results, actor, at));
    }

    private TargetResult Result(string target)
    {
        var methodScores = new Dictionary<EvaluationMethod, decimal>();
        var total = 0m;
        foreach (var (method, weight) in MethodWeights)
        {
            if (!_scores.TryGetValue((target, method), out var scores))
            {
                throw new RuleViolationException("AS-7", $"{target} has no {method.Chinese()} result, which the campaign weighs at {weight}");
            }

            var mean = scores.Sum() / scores.Count;
            methodScores[method] = mean;
            total += weight * mean;
        }

        return new TargetResult(target, methodScores, Math.Round(total, 2, MidpointRounding.AwayFromZero));
    }

    private void AddScore(string target, EvaluationMethod method, decimal score)
    {
        RequireStep(CampaignStep.Announced, "ratings are collected after the announcement and before the results are summarised");
        RequireTarget(target);
        if (!MethodWeights.ContainsKey(method))
        {
            throw new InvalidInputException("method", $"this campaign does not use {method.Chinese()}");
        }

        if (!_scores.TryGetValue((target, method), out var scores))
        {
            _scores[(target, method)] = scores = [];
        }

        scores.Add(score);
    }

    private void RequireTarget(string target)
    {
        if (!_targets.Contains(target))
        {
            throw new InvalidInputException("target", $"{target} is not a target of this campaign");
        }
    }

    private void RequireStep(CampaignStep step, string why)
    {
        if (CurrentStep != step)
        {
            throw new RuleViolationException("AS-7", $"{why}; the campaign is at 「{CurrentStep.Chinese()}」");
        }
    }

    private void Advance(CampaignStep step)
    {
        if (step != CurrentStep + 1)
        {
            throw new RuleViolationException("AS-7", $"「{step.Chinese()}」 cannot follow 「{CurrentStep.Chinese()}」");
        }

        CurrentStep = step;
    }
}
