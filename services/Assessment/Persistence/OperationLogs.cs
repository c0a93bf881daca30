using System.Text.Json;
using System.Text.Json.Serialization;
using Ogi.Assessment.Domain.Consequences;
using Ogi.Assessment.Domain.Procedure;
using Ogi.Assessment.Domain.Schemes;
using Ogi.Assessment.Domain.SocialEvaluation;

namespace Ogi.Assessment.Persistence;

/// <summary>
/// What was done to an assessment, in order. Stored as the assessment's log and replayed through the domain on load,
/// so the stored state is always one the rules allow.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op")]
[JsonDerivedType(typeof(AssessmentPlanned), "planned")]
[JsonDerivedType(typeof(NoticeIssued), "notice")]
[JsonDerivedType(typeof(SelfScored), "self-score")]
[JsonDerivedType(typeof(SelfCheckClosed), "self-check-closed")]
[JsonDerivedType(typeof(GroupScored), "group-score")]
[JsonDerivedType(typeof(VerificationCompleted), "verified")]
[JsonDerivedType(typeof(RoutineChecked), "routine-check")]
[JsonDerivedType(typeof(OutsideResultRecorded), "outside-result")]
[JsonDerivedType(typeof(GradesProposed), "grades-proposed")]
[JsonDerivedType(typeof(GradesApproved), "approved")]
[JsonDerivedType(typeof(ResultsPublished), "published")]
public abstract record AssessmentOp
{
    public abstract void Apply(AnnualAssessment assessment, Func<DateOnly, RectificationDeadline> rectificationDue);
}

public sealed record AssessmentPlanned(IReadOnlyList<string> AgencyCodes, string Actor, DateTimeOffset At) : AssessmentOp
{
    public override void Apply(AnnualAssessment assessment, Func<DateOnly, RectificationDeadline> rectificationDue) =>
        throw new InvalidOperationException("the plan creates the assessment; it is not applied to one");
}

public sealed record NoticeIssued(string Actor, DateTimeOffset At) : AssessmentOp
{
    public override void Apply(AnnualAssessment assessment, Func<DateOnly, RectificationDeadline> rectificationDue) => assessment.IssueNotice(Actor, At);
}

public sealed record SelfScored(string AgencyCode, string IndicatorCode, decimal Points, string Evidence) : AssessmentOp
{
    public override void Apply(AnnualAssessment assessment, Func<DateOnly, RectificationDeadline> rectificationDue) =>
        assessment.RecordSelfScore(AgencyCode, IndicatorCode, Points, Evidence);
}

public sealed record SelfCheckClosed(string Actor, DateTimeOffset At) : AssessmentOp
{
    public override void Apply(AnnualAssessment assessment, Func<DateOnly, RectificationDeadline> rectificationDue) => assessment.CloseSelfCheck(Actor, At);
}

public sealed record GroupScored(string AgencyCode, string IndicatorCode, decimal Points, string Evidence) : AssessmentOp
{
    public override void Apply(AnnualAssessment assessment, Func<DateOnly, RectificationDeadline> rectificationDue) =>
        assessment.RecordGroupScore(AgencyCode, IndicatorCode, Points, Evidence);
}

public sealed record VerificationCompleted(IReadOnlyList<VerificationMethod> Methods, string Actor, DateTimeOffset At) : AssessmentOp
{
    public override void Apply(AnnualAssessment assessment, Func<DateOnly, RectificationDeadline> rectificationDue) =>
        assessment.CompleteVerification([.. Methods], Actor, At);
}

public sealed record RoutineChecked(string AgencyCode, DateOnly On, RoutineCheckMethod Method, decimal Score, string Finding) : AssessmentOp
{
    public override void Apply(AnnualAssessment assessment, Func<DateOnly, RectificationDeadline> rectificationDue) =>
        assessment.RecordRoutineCheck(AgencyCode, new RoutineCheck(On, Method, Score, Finding));
}

public sealed record OutsideResultRecorded(string AgencyCode, ResultSource Source, decimal Result) : AssessmentOp
{
    public override void Apply(AnnualAssessment assessment, Func<DateOnly, RectificationDeadline> rectificationDue)
    {
        if (Source == ResultSource.ThirdParty)
        {
            assessment.RecordThirdPartyResult(AgencyCode, Result);
        }
        else
        {
            assessment.RecordSocialEvaluationResult(AgencyCode, Result);
        }
    }
}

public sealed record GradesProposed(string Actor, DateTimeOffset At) : AssessmentOp
{
    public override void Apply(AnnualAssessment assessment, Func<DateOnly, RectificationDeadline> rectificationDue) => assessment.ProposeGrades(Actor, At);
}

public sealed record GradesApproved(string Actor, DateTimeOffset At) : AssessmentOp
{
    public override void Apply(AnnualAssessment assessment, Func<DateOnly, RectificationDeadline> rectificationDue) => assessment.Approve(Actor, At);
}

public sealed record ResultsPublished(string Actor, DateTimeOffset At) : AssessmentOp
{
    public override void Apply(AnnualAssessment assessment, Func<DateOnly, RectificationDeadline> rectificationDue) =>
        assessment.PublishFeedback(Actor, At, rectificationDue);
}

/// <summary>What was done to a social-evaluation campaign, in order; replayed like an assessment's log.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op")]
[JsonDerivedType(typeof(CampaignCreated), "created")]
[JsonDerivedType(typeof(CampaignAnnounced), "announced")]
[JsonDerivedType(typeof(RatingRecorded), "rating")]
[JsonDerivedType(typeof(CampaignSummarised), "summarised")]
[JsonDerivedType(typeof(CampaignPublished), "published")]
public abstract record CampaignOp
{
    public abstract void Apply(SocialEvaluationCampaign campaign);
}

public sealed record MethodWeightEntry(EvaluationMethod Method, decimal Weight);

public sealed record CampaignCreated(int Year, string Title, IReadOnlyList<string> Targets, IReadOnlyList<EvaluationContent> Content,
    IReadOnlyList<MethodWeightEntry> Weights, decimal Satisfied, decimal BasicallySatisfied, decimal Dissatisfied) : CampaignOp
{
    public SocialEvaluationCampaign Create(Guid id) => new(id, Year, Title, Targets, Content,
        Weights.ToDictionary(w => w.Method, w => w.Weight), new RatingScores(Satisfied, BasicallySatisfied, Dissatisfied));

    public override void Apply(SocialEvaluationCampaign campaign) =>
        throw new InvalidOperationException("creation makes the campaign; it is not applied to one");
}

public sealed record CampaignAnnounced : CampaignOp
{
    public override void Apply(SocialEvaluationCampaign campaign) => campaign.Announce();
}

public sealed record RatingRecorded(string Target, EvaluationMethod Method, Rating Rating, PanelMemberKind? Member) : CampaignOp
{
    public override void Apply(SocialEvaluationCampaign campaign)
    {
        switch (Method)
        {
            case EvaluationMethod.PublicQuestionnaire:
                campaign.RecordQuestionnaire(Target, Rating);
                break;
            case EvaluationMethod.RepresentativePanel:
                campaign.RecordPanelRating(Target, Member ?? throw new Ogi.BuildingBlocks.Domain.InvalidInputException("panel_member", "a panel rating names the kind of member"), Rating);
                break;
            default:
                campaign.RecordThirdPartyRating(Target, Rating);
                break;
        }
    }
}

public sealed record CampaignSummarised : CampaignOp
{
    public override void Apply(SocialEvaluationCampaign campaign) => campaign.Summarise();
}

public sealed record CampaignPublished(string Actor, DateTimeOffset At) : CampaignOp
{
    public override void Apply(SocialEvaluationCampaign campaign) => campaign.Publish(Actor, At);
}

public static class OperationLog
{
    // jsonb reorders keys, so the "op" discriminator need not come first.
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        AllowOutOfOrderMetadataProperties = true,
    };

    public static List<TOp> Read<TOp>(string log) => JsonSerializer.Deserialize<List<TOp>>(log, Json) ?? [];

    public static string Write<TOp>(IEnumerable<TOp> log) => JsonSerializer.Serialize(log.ToList(), Json);

    public static AnnualAssessment Replay(Guid id, AssessmentScheme scheme, IReadOnlyList<AssessmentOp> log, Func<DateOnly, RectificationDeadline> rectificationDue)
    {
        var plan = (AssessmentPlanned)log[0];
        var assessment = new AnnualAssessment(id, scheme, plan.AgencyCodes, plan.Actor, plan.At);
        foreach (var op in log.Skip(1))
        {
            op.Apply(assessment, rectificationDue);
        }

        return assessment;
    }

    public static SocialEvaluationCampaign Replay(Guid id, IReadOnlyList<CampaignOp> log)
    {
        var campaign = ((CampaignCreated)log[0]).Create(id);
        foreach (var op in log.Skip(1))
        {
            op.Apply(campaign);
        }

        return campaign;
    }
}
