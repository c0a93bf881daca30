using Ogi.BuildingBlocks.Domain;
namespace Ogi.Assessment.Domain.AnnualReport;

/// <summary>The applicant types that are the columns of table 三 (domain.md §0, AS-8); 总计 is the seventh column.</summary>
public enum ApplicantType
{
    [Label("自然人")] NaturalPerson,
    [Label("商业企业")] CommercialEnterprise,
    [Label("科研机构")] ResearchInstitution,
    [Label("社会公益组织")] PublicWelfareOrganisation,
    [Label("法律服务机构")] LegalServiceInstitution,
    [Label("其他")] Other,
}

/// <summary>The six reply outcomes of INT-8, as headed in table 三 (国办公开办函〔2021〕30号).</summary>
public enum ReplyOutcome
{
    [Label("予以公开")] Disclosed,
    [Label("部分公开")] PartiallyDisclosed,
    [Label("不予公开")] NotDisclosed,
    [Label("无法提供")] CannotProvide,
    [Label("不予处理")] NotProcessed,
    [Label("其他处理")] Other,
}

/// <summary>
/// The sub-reasons of INT-8, in the order and wording of table 三. Outcomes 不予公开 … 其他处理 each need one;
/// 予以公开 and 部分公开 have none.
/// </summary>
public enum OutcomeReason
{
    [Label("属于国家秘密")] StateSecret,
    [Label("其他法律行政法规禁止公开")] ForbiddenByOtherLaw,
    [Label("危及“三安全一稳定”")] EndangersSecurityOrStability,
    [Label("保护第三方合法权益")] ThirdPartyRights,
    [Label("属于三类内部事务信息")] InternalAffairs,
    [Label("属于四类过程性信息")] ProcessInformation,
    [Label("属于行政执法案卷")] EnforcementFile,
    [Label("属于行政查询事项")] AdministrativeQuery,

    [Label("本机关不掌握相关政府信息")] NotHeld,
    [Label("没有现成信息需要另行制作")] WouldNeedCreating,
    [Label("补正后申请内容仍不明确")] StillUnclearAfterCorrection,

    [Label("信访举报投诉类申请")] PetitionOrComplaint,
    [Label("重复申请")] Repeated,
    [Label("要求提供公开出版物")] PublishedMaterial,
    [Label("无正当理由大量反复申请")] ExcessiveRepetition,
    [Label("要求行政机关确认或重新出具已获取信息")] ConfirmOrReissue,

    [Label("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")] CorrectionNotSupplied,
    [Label("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")] FeeNotPaid,
    [Label("其他")] OtherReason,
}

public static class OutcomeReasons
{
    /// <summary>The outcome a sub-reason belongs to.</summary>
    public static ReplyOutcome Outcome(this OutcomeReason reason) => reason switch
    {
        <= OutcomeReason.AdministrativeQuery => ReplyOutcome.NotDisclosed,
        <= OutcomeReason.StillUnclearAfterCorrection => ReplyOutcome.CannotProvide,
        <= OutcomeReason.ConfirmOrReissue => ReplyOutcome.NotProcessed,
        _ => ReplyOutcome.Other,
    };

    /// <summary>Whether an outcome is counted by sub-reason (only 予以公开 and 部分公开 are not).</summary>
    public static bool NeedsReason(this ReplyOutcome outcome) => outcome >= ReplyOutcome.NotDisclosed;
}

/// <summary>
/// What table 三 needs of one application, for one agency: no personal data, only the applicant's type, the date of
/// receipt (INT-2), and the reply date with its outcome and sub-reason (INT-8) once replied.
/// </summary>
public readonly record struct ApplicationFact(Guid ApplicationId, ApplicantType ApplicantType, DateOnly ReceivedOn,
    DateOnly? RepliedOn = null, ReplyOutcome? Outcome = null, OutcomeReason? Reason = null);
