using Ogi.BuildingBlocks.Domain;
namespace Ogi.Accountability.Domain.Measures;

/// <summary>AC-7 (seed 004 第六条; seed 000 第八条; seed 001 第三条、第六条): the ways of holding to account. They combine.</summary>
public enum Measure
{
    [Label("责令整改")]
    RectificationOrdered,

    [Label("通报批评")]
    PublicCriticism,

    [Label("约谈")]
    AdmonitoryTalk,

    [Label("书面检查")]
    WrittenSelfExamination,

    [Label("取消当年评优评先")]
    CommendationWithdrawn,

    [Label("赔礼道歉")]
    Apology,

    [Label("调离岗位/免职(建议任免机关)")]
    TransferOrRemovalRecommended,

    [Label("处分(建议有权机关)")]
    SanctionRecommended,

    [Label("移交纪检监察机关")]
    ReferredToDisciplineInspection,

    [Label("移送司法机关")]
    ReferredToJudiciary,
}

/// <summary>AC-8 (seed 004 第七条): 情节 in three steps, lightest first; "lighter"/"heavier" move one step.</summary>
public enum Severity
{
    [Label("一般")]
    General = 1,

    [Label("情节较重")]
    Serious = 2,

    [Label("情节严重")]
    Grave = 3,
}

/// <summary>AC-9, seed 004 第八条: 可以从轻或者减轻处理.</summary>
public enum MitigatingFactor
{
    [Label("积极配合调查处理")]
    Cooperated,

    [Label("及时改正错误")]
    CorrectedPromptly,

    [Label("主动采取措施,挽回损失或者有效避免不良社会影响")]
    RemediedHarm,
}

/// <summary>AC-9, seed 004 第九条: 应当从重处理. The fourth item (一年内两次以上) comes from the records, not from here.</summary>
public enum AggravatingFactor
{
    [Label("推卸、转嫁责任")]
    ShiftedBlame,

    [Label("干扰、妨碍调查处理")]
    ObstructedInvestigation,

    [Label("造成重大经济损失或者严重不良社会影响")]
    MajorLossOrImpact,
}
