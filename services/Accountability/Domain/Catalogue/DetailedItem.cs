using Ogi.BuildingBlocks.Domain;
namespace Ogi.Accountability.Domain.Catalogue;

/// <summary>
/// AC-2: the detailed items of seed 000 (洮南) 第六条. The seed heads its first group "(一)应公开而不公开" and numbers
/// the following list "(二)"; the list under it is that group's, so groups here are 一 to 四 plus 监督管理 (五).
/// </summary>
public enum DetailedItem
{
    // (一) 应公开而不公开
    [Label("未公开部门的职责和管理权限")]
    DutiesAndPowersNotPublished,

    [Label("未公开办事依据、程序、时限和方式、方法、结果")]
    ProceduresNotPublished,

    [Label("行使行政权力的未公开行政审批事项")]
    ApprovalItemsNotPublished,

    [Label("其他应公开而未公开的")]
    OtherNotPublished,

    // (三) 公开不全面、不及时、不真实
    [Label("未按规定的程序、范围和时间要求公开的")]
    NotPublishedAsRequired,

    [Label("没有全部公开职权(办事)目录,或未公开职权(办事)运行主要环节的")]
    PowersCatalogueIncomplete,

    [Label("公开的范围与行政权力(办事项目)涉及的范围不一致的")]
    PublicationScopeMismatch,

    [Label("行政权力(办事职能)调整时未及时修订职权(办事)目录的")]
    PowersCatalogueNotRevised,

    // (四) 职权(办事)运行不规范
    [Label("行使未经上一级领导小组办公室审核批准的行政权力(办事职能)的")]
    UnapprovedPowerExercised,

    [Label("不按已公开的运行程序行使权力,擅自增加办理程序、办理条件或延长办理时间的")]
    PublishedProcedureNotFollowed,

    [Label("不正确行使权力,不作为或乱作为,造成不良影响或严重后果的")]
    PowerMisused,

    [Label("故意刁难、吃拿卡要、以权谋私的")]
    Obstruction,

    // (五) 监督管理不到位
    [Label("投诉处理不及时,不向群众公开处理结果,酿成集体上访和群体性事件的")]
    ComplaintsHandledLate,

    [Label("在政务公开工作中打击报复、侵犯公民民主权利的")]
    Retaliation,

    [Label("不按要求及时纠正和整改问题的")]
    RectificationNotDone,

    [Label("擅自将不应公开或涉密的事项进行公开,造成不良影响或严重后果的")]
    UnauthorisedRelease,

    [Label("因责权不明、公开运行不力而导致违纪违法案件发生的")]
    UnclearResponsibilityLedToCase,
}
