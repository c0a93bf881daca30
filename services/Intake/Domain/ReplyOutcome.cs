using Ogi.BuildingBlocks.Domain;

namespace Ogi.Intake.Domain;

/// <summary>INT-8: the national annual-report taxonomy (Reg. 36–39); every reply has exactly one outcome.</summary>
public enum ReplyOutcome
{
    [Label("予以公开")] Disclosed = 1,
    [Label("部分公开")] PartiallyDisclosed = 2,
    [Label("不予公开")] NotDisclosed = 3,
    [Label("无法提供")] CannotProvide = 4,
    [Label("不予处理")] NotProcessed = 5,
    [Label("其他处理")] Other = 6,
}

/// <summary>
/// INT-8's sub-reasons, numbered as the annual report's table 三 rows ((三) 1–8, (四) 1–3, (五) 1–5, (六) 1–3):
/// the hundreds digit is the <see cref="ReplyOutcome"/>, so each reason belongs to exactly one outcome.
/// </summary>
public enum OutcomeReason
{
    None = 0,

    [Label("属于国家秘密")] StateSecret = 301,
    [Label("其他法律行政法规禁止公开")] ProhibitedByLaw = 302,
    [Label("危及“三安全一稳定”")] EndangersSecurityOrStability = 303,
    [Label("保护第三方合法权益")] ThirdPartyRights = 304,
    [Label("属于三类内部事务信息")] InternalAffairs = 305,
    [Label("属于四类过程性信息")] ProcessInformation = 306,
    [Label("属于行政执法案卷")] EnforcementFile = 307,
    [Label("属于行政查询事项")] AdministrativeQuery = 308,

    [Label("本机关不掌握相关政府信息")] NotHeld = 401,
    [Label("没有现成信息需要另行制作")] WouldNeedCreating = 402,
    [Label("补正后申请内容仍不明确")] UnclearAfterCorrection = 403,

    [Label("信访举报投诉类申请")] PetitionOrComplaint = 501,
    [Label("重复申请")] Repeated = 502,
    [Label("要求提供公开出版物")] PublishedMaterial = 503,
    [Label("无正当理由大量反复申请")] ExcessiveWithoutReason = 504,
    [Label("要求行政机关确认或重新出具已获取信息")] ConfirmOrReissue = 505,

    [Label("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")] CorrectionOverdue = 601,
    [Label("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")] FeeUnpaid = 602,
    [Label("其他")] OtherReason = 603,
}

public static class OutcomeTaxonomy
{
    /// <summary>The outcome a reason belongs to, or null for <see cref="OutcomeReason.None"/>.</summary>
    public static ReplyOutcome? OutcomeOf(OutcomeReason reason) =>
        reason == OutcomeReason.None ? null : (ReplyOutcome)((int)reason / 100);

    /// <summary>
    /// INT-8: 予以公开 and 部分公开 carry no sub-reason; the other four carry exactly one of their own.
    /// </summary>
    public static bool IsValid(ReplyOutcome outcome, OutcomeReason reason) =>
        Enum.IsDefined(outcome) && Enum.IsDefined(reason) && outcome switch
        {
            ReplyOutcome.Disclosed or ReplyOutcome.PartiallyDisclosed => reason == OutcomeReason.None,
            _ => OutcomeOf(reason) == outcome,
        };

    public static IEnumerable<OutcomeReason> ReasonsOf(ReplyOutcome outcome) =>
        Enum.GetValues<OutcomeReason>().Where(r => OutcomeOf(r) == outcome);
}
