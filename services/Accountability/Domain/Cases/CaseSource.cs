using Ogi.Accountability.Domain.Catalogue;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.Accountability.Domain.Cases;

/// <summary>AC-1: where a case comes from.</summary>
public enum SourceKind
{
    [Label("群众投诉举报")]
    PublicComplaint,

    [Label("答复超期")]
    DeadlineBreached,

    [Label("未经保密审查公开")]
    ReleaseWithoutReview,

    [Label("涉密信息公开")]
    ClassifiedItemReleased,

    [Label("考核不合格单位未整改")]
    UnqualifiedUnitNotRectified,

    [Label("社会评议问题未整改")]
    SocialEvaluationNotRectified,

    [Label("信息发布不一致")]
    InconsistencyReported,

    [Label("监督检查发现")]
    SupervisionFinding,
}

/// <summary>
/// The one thing a case answers: a source kind and the reference that source gives it (the breached application's
/// tracking number, the violation event's id, the provincial platform's report id…). Its <see cref="CaseKey"/> is
/// deterministic, so the same source delivered twice names the same case (persistence: a unique index on it).
/// </summary>
public sealed record CaseSource
{
    public CaseSource(SourceKind kind, string reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            throw new InvalidInputException("source.reference", "the source's reference is required");
        }

        Kind = kind;
        Reference = reference.Trim();
    }

    public SourceKind Kind { get; }

    public string Reference { get; }

    public bool IsAutomatic => Kind is not (SourceKind.PublicComplaint or SourceKind.SupervisionFinding);

    /// <summary>AC-1 idempotency: one source, one case.</summary>
    public string CaseKey => $"{Kind}:{Reference}";

    /// <summary>
    /// AC-2: the catalogue item an automatic source points to before investigation; the investigation establishes the
    /// final type. Complaints and supervision findings carry none until investigated.
    /// </summary>
    public ViolationType? PresumedViolation => Kind switch
    {
        SourceKind.DeadlineBreached => ViolationType.ApplicationMishandled, // (五) 未按规定时限办理
        SourceKind.ReleaseWithoutReview or SourceKind.ClassifiedItemReleased => ViolationType.WrongfulRelease, // (四)
        SourceKind.UnqualifiedUnitNotRectified or SourceKind.SocialEvaluationNotRectified =>
            ViolationType.OversightObstructed, // (十) 不落实检查、考核、评议决定要求
        SourceKind.InconsistencyReported => ViolationType.Other, // no item of 第五条 names inconsistent releases
        _ => null,
    };
}
