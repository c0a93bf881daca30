using Ogi.BuildingBlocks.Domain;
using Ogi.SecrecyReview.Domain.Redaction;

namespace Ogi.SecrecyReview.Domain.Reviews;

/// <summary>The review opinion (SR-3, seed 001 第十二条).</summary>
public enum OpinionKind
{
    [Label("公开")] Public,
    [Label("部分公开")] Partial,
    [Label("免于公开")] Exempt,
    [Label("需报审")] Escalate,
}

/// <summary>Grounds for not disclosing, from Reg. 14–16 (2019 text); <see cref="ExemptionGrounds.Article"/> names the article.</summary>
public enum ExemptionGround
{
    [Label("依法确定为国家秘密")] StateSecret,
    [Label("法律、行政法规禁止公开")] ProhibitedByLaw,
    [Label("公开后可能危及国家安全、公共安全、经济安全、社会稳定")] EndangersSecurityOrStability,
    [Label("涉及商业秘密")] CommercialSecret,
    [Label("涉及个人隐私")] PersonalPrivacy,
    [Label("内部事务信息")] InternalAffairs,
    [Label("过程性信息")] ProcessInformation,
    [Label("行政执法案卷信息")] LawEnforcementCaseFile,
}

public static class ExemptionGrounds
{
    /// <summary>The article of the regulation (国务院令第711号) the ground comes from.</summary>
    public static int Article(this ExemptionGround ground) => ground switch
    {
        ExemptionGround.StateSecret or ExemptionGround.ProhibitedByLaw or ExemptionGround.EndangersSecurityOrStability => 14,
        ExemptionGround.CommercialSecret or ExemptionGround.PersonalPrivacy => 15,
        _ => 16,
    };
}

/// <summary>
/// What the reviewer proposes. Basis (依据) and reason (理由) are always required (SR-3); an exemption names its ground,
/// a partial release its withheld parts, an escalation the authority competent to determine the classification (SR-5).
/// </summary>
public sealed record Opinion(
    OpinionKind Kind,
    string Basis,
    string Reason,
    ExemptionGround? Ground = null,
    IReadOnlyList<WithheldRange>? Withheld = null,
    string? CompetentAuthority = null)
{
    public bool IsReleasable => Kind is OpinionKind.Public or OpinionKind.Partial;

    public static Opinion Public(string basis, string reason) => new(OpinionKind.Public, basis, reason);

    public static Opinion Partial(string basis, string reason, IReadOnlyList<WithheldRange> withheld) =>
        new(OpinionKind.Partial, basis, reason, Withheld: withheld);

    public static Opinion Exempt(ExemptionGround ground, string basis, string reason) =>
        new(OpinionKind.Exempt, basis, reason, Ground: ground);

    public static Opinion Escalate(string competentAuthority, string basis, string reason) =>
        new(OpinionKind.Escalate, basis, reason, CompetentAuthority: competentAuthority);
}
