using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.Coordination.Domain;

/// <summary>Where the item to be released came from (CO-1).</summary>
public enum ItemSource
{
    /// <summary>A document answering an application (intake's coordination requested event).</summary>
    [Label("依申请公开文件")] Application = 1,

    /// <summary>An item under secrecy review (SR-8: jointly produced items need the co-producers' consent).</summary>
    [Label("保密审查事项")] SecrecyReview = 2,

    /// <summary>Opened directly by the releasing agency's staff (主动公开).</summary>
    [Label("工作人员发起")] Staff = 3,
}

/// <summary>The item to be released: its source, the source's own reference (application/document, review item) and title.</summary>
public sealed record CoordinationItem(ItemSource Source, string Reference, string Title)
{
    public IEnumerable<FieldViolation> Violations()
    {
        if (!Enum.IsDefined(Source))
        {
            yield return new("item.source", "应为依申请公开文件、保密审查事项或工作人员发起");
        }

        if (string.IsNullOrWhiteSpace(Reference))
        {
            yield return new("item.reference", "不能为空");
        }

        if (string.IsNullOrWhiteSpace(Title))
        {
            yield return new("item.title", "不能为空");
        }
    }
}

/// <summary>CO-1: why an agency is concerned by the information to be released.</summary>
public enum ConcernGround
{
    /// <summary>The information concerns its work (seed 003 第十条 "涉及其他单位工作内容").</summary>
    [Label("涉及其工作内容")] Content = 1,

    /// <summary>The content falls within its competence: its opinion prevails in a disagreement (CO-3).</summary>
    [Label("属于其职权范围")] Competence = 2,

    /// <summary>It produced the document together with the releasing agency (Reg. 34, seed 001 第八条).</summary>
    [Label("共同制作")] JointProduction = 3,
}

/// <summary>An agency the releasing agency must consult, and why (CO-1).</summary>
public sealed record AgencyConcerned(string AgencyCode, string AgencyName, ConcernGround Ground);

/// <summary>CO-2: the kind of letter fixes its period (CAL-5 profile) and what silence means.</summary>
public enum LetterKind
{
    /// <summary>Seed 001 第五条: 10 working days; silence is not consent.</summary>
    [Label("协调函")] Ordinary = 1,

    /// <summary>Seed 001 第五条 "情况紧急的应当即时答复": 1 working day by default.</summary>
    [Label("紧急协调函")] Urgent = 2,

    /// <summary>Reg. 34: a co-produced document requested by an applicant; 15 working days, silence = consent.</summary>
    [Label("共同制作信息征求意见函")] CoProduced = 3,
}

/// <summary>CO-3: the written answers an agency concerned can give.</summary>
public enum AnswerKind
{
    [Label("同意")] Consent = 1,
    [Label("修改后同意")] ConsentWithChanges = 2,
    [Label("不同意")] Objection = 3,

    /// <summary>The content is within the answering agency's competence, and this is its opinion (CO-3: it prevails).</summary>
    [Label("属于本机关职权范围，按本机关意见处理")] CompetentOpinion = 4,
}

/// <summary>
/// A written answer. <see cref="Text"/> is the changes (修改后同意), the reasons (不同意) or the opinion
/// (职权范围内意见); <see cref="OpinionPermitsRelease"/> says whether a competent opinion lets the item be released.
/// </summary>
public sealed record LetterAnswer(AnswerKind Kind, string? Text, DateOnly AnsweredOn, string AnsweredBy, bool? OpinionPermitsRelease = null);

public enum LetterStatus
{
    [Label("待答复")] Awaiting = 1,
    [Label("已答复")] Answered = 2,

    /// <summary>Reg. 34: the period ran out with no answer, which counts as consent.</summary>
    [Label("逾期未复，视为同意")] DeemedConsent = 3,

    /// <summary>An ordinary or urgent letter's period ran out: not consent, recorded as an overdue reply.</summary>
    [Label("逾期未复")] Lapsed = 4,
}

/// <summary>One coordination letter (协调函) to one agency concerned, with its period (CO-2) and its answer (CO-3).</summary>
public sealed record CoordinationLetter(
    AgencyConcerned Agency,
    LetterKind Kind,
    DateOnly SentOn,
    PeriodResult Period,
    LetterStatus Status,
    LetterAnswer? Answer)
{
    /// <summary>The last day to answer (CAL-2: the end of working day N).</summary>
    public DateOnly DueOn => Period.DeadlineDate!.Value;

    /// <summary>The day the letter stopped waiting: its answer, or the end of its period when it lapsed.</summary>
    public DateOnly? ClosedOn => Status switch
    {
        LetterStatus.Awaiting => null,
        LetterStatus.Answered => Answer!.AnsweredOn,
        _ => DueOn,
    };
}

public enum CoordinationStatus
{
    [Label("征求意见中")] AwaitingAnswers = 1,

    /// <summary>CO-3: an objection no agency's competence decides; the releasing agency must escalate.</summary>
    [Label("意见分歧，待报请协调")] Disputed = 2,

    [Label("已报请主管部门协调")] Escalated = 3,

    /// <summary>An ordinary letter lapsed with no objection on record: the releasing agency decides.</summary>
    [Label("逾期未复，待发布机关决定")] AwaitingAgencyDecision = 4,

    /// <summary>A third party objected: the agency weighs the grounds (CO-4).</summary>
    [Label("第三方不同意，待审查理由")] ObjectionToAssess = 5,

    [Label("已办结")] Concluded = 6,
}

/// <summary>How a coordination or third-party consultation ended (to intake and secrecy-review).</summary>
public enum CoordinationOutcome
{
    /// <summary>Every agency consented (possibly with changes, or by Reg. 34 silence); the third party consented.</summary>
    [Label("同意发布")] Consent = 1,

    /// <summary>CO-3 competent agency's objection, or CO-4 a third party's objection with reasonable grounds.</summary>
    [Label("异议成立，不予发布")] ObjectionPrevails = 2,

    /// <summary>CO-3: the competent agency's opinion lets the item be released, other objections notwithstanding.</summary>
    [Label("按有权机关意见发布")] CompetentOpinionPrevails = 3,

    /// <summary>CO-3: the competent department's written, binding decision.</summary>
    [Label("主管部门协调决定")] BindingDecision = 4,

    /// <summary>CO-4: withholding would seriously harm the public interest; the third party is told in writing.</summary>
    [Label("因公共利益决定公开")] PublicInterestOverride = 5,

    /// <summary>Silence that is not consent (ordinary letters, third parties): the releasing agency decided.</summary>
    [Label("逾期未复，由发布机关决定")] AgencyDecision = 6,
}

/// <summary>The conclusion: how, whether the item may be released, the changes agreed to, and when.</summary>
public sealed record CoordinationConclusion(
    CoordinationOutcome Outcome,
    bool ReleasePermitted,
    IReadOnlyList<string> RequiredChanges,
    string Reasons,
    DateOnly ConcludedOn);

/// <summary>
/// CO-3: the competent department's decision after convening the units concerned, the business departments and
/// experts (seed 001 第六条(二)); written, binding, and sent to every party.
/// </summary>
public sealed record BindingDecision(
    string DepartmentCode,
    IReadOnlyList<string> ConvenedUnits,
    IReadOnlyList<string> Experts,
    string DecisionText,
    bool ReleasePermitted,
    DateOnly DecidedOn,
    string DecidedBy);
