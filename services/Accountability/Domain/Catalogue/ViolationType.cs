using Ogi.BuildingBlocks.Domain;
namespace Ogi.Accountability.Domain.Catalogue;

/// <summary>
/// AC-2: the catalogue of violations, the eleven items of seed 004 (邯郸市政务公开工作责任追究办法) 第五条.
/// Values are the item numbers; labels quote the seed's wording.
/// </summary>
public enum ViolationType
{
    [Label("组织领导不力,没有及时准确贯彻执行政务公开决策部署的")]
    WeakLeadership = 1,

    [Label("政务公开机制不健全,办法不落实,工作流于形式的")]
    MechanismNotInPlace = 2,

    [Label("不按照规定公开应当主动公开的信息,不及时更新已公开的信息内容的")]
    ProactiveDisclosureFailed = 3,

    [Label("未履行政府信息公开审查程序,错误公开信息,泄露国家秘密、商业秘密、个人隐私,或危害国家安全、公共安全、经济安全和社会稳定的")]
    WrongfulRelease = 4,

    [Label("对政府信息公开申请,无正当理由不予受理、不予办理或未按规定时限办理,以及隐瞒或不提供应当公开的政府信息的")]
    ApplicationMishandled = 5,

    [Label("发现影响或者可能影响社会稳定、扰乱社会和经济管理秩序的虚假或者不完整信息,未及时发布准确信息予以澄清的")]
    FalseInformationNotClarified = 6,

    [Label("对重大政策宣传解读不到位,甚至错误解读,对政策效力发挥造成不利影响的")]
    PolicyInterpretationFailed = 7,

    [Label("对重大政务舆情监测、收集、处置、回应不力,造成不良社会影响的")]
    PublicConcernResponseFailed = 8,

    [Label("未及时处理群众有关信息公开的投诉、举报,对相关责任人包庇纵容的")]
    ComplaintsNotHandled = 9,

    [Label("拒绝、阻挠、干扰依法对政务公开工作进行检查、考核、评议,或者不落实检查、考核、评议决定要求的")]
    OversightObstructed = 10,

    [Label("违反政务公开工作有关规定的其他情形")]
    Other = 11,
}
