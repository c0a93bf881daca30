using Ogi.BuildingBlocks.Domain;
using Ogi.Accountability.Domain.Measures;

namespace Ogi.Accountability.Domain.Cases;

/// <summary>AC-10 (seed 000 第九条 "下达书面通知"): the written notice of the decision to one unit or person.</summary>
public sealed record DecisionNotice(Subject Recipient, IReadOnlyList<Measure> Measures, DateOnly IssuedOn, DateOnly? ServedOn = null)
{
    /// <summary>The appeal period runs from service, or from issue while service is not recorded.</summary>
    public DateOnly AppealDue(AccountabilityProfile profile) => (ServedOn ?? IssuedOn).AddDays(profile.AppealDays);
}

public enum AppealOutcome
{
    [Label("维持")]
    Upheld,

    [Label("变更")]
    Modified,

    [Label("撤销")]
    Revoked,
}

/// <summary>AC-10: a respondent's 申诉 against the decision, and its outcome once decided.</summary>
public sealed record Appeal(
    Subject Appellant,
    string Grounds,
    DateOnly FiledOn,
    AppealOutcome? Outcome = null,
    string? Reasons = null,
    DateOnly? DecidedOn = null);
