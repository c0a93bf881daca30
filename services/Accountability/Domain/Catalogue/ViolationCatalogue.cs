namespace Ogi.Accountability.Domain.Catalogue;

/// <summary>AC-2: where each detailed item of seed 000 第六条 falls in the catalogue of seed 004 第五条.</summary>
public static class ViolationCatalogue
{
    private static readonly Dictionary<DetailedItem, ViolationType> TypeByItem = new()
    {
        // 应公开而不公开: all are "不按照规定公开应当主动公开的信息" (三).
        [DetailedItem.DutiesAndPowersNotPublished] = ViolationType.ProactiveDisclosureFailed,
        [DetailedItem.ProceduresNotPublished] = ViolationType.ProactiveDisclosureFailed,
        [DetailedItem.ApprovalItemsNotPublished] = ViolationType.ProactiveDisclosureFailed,
        [DetailedItem.OtherNotPublished] = ViolationType.ProactiveDisclosureFailed,

        // 公开不全面、不及时、不真实: incomplete or stale proactive publication, also (三)
        // ("不及时更新已公开的信息内容" covers the catalogue not revised after a change of powers).
        [DetailedItem.NotPublishedAsRequired] = ViolationType.ProactiveDisclosureFailed,
        [DetailedItem.PowersCatalogueIncomplete] = ViolationType.ProactiveDisclosureFailed,
        [DetailedItem.PublicationScopeMismatch] = ViolationType.ProactiveDisclosureFailed,
        [DetailedItem.PowersCatalogueNotRevised] = ViolationType.ProactiveDisclosureFailed,

        // 职权运行不规范: powers exercised outside the approved, published procedure are "办法不落实" (二);
        // misuse of power and 吃拿卡要 are not disclosure duties named in 第五条, so (十一) 其他情形.
        [DetailedItem.UnapprovedPowerExercised] = ViolationType.MechanismNotInPlace,
        [DetailedItem.PublishedProcedureNotFollowed] = ViolationType.MechanismNotInPlace,
        [DetailedItem.PowerMisused] = ViolationType.Other,
        [DetailedItem.Obstruction] = ViolationType.Other,

        // 监督管理不到位
        [DetailedItem.ComplaintsHandledLate] = ViolationType.ComplaintsNotHandled, // (九) 未及时处理投诉、举报
        [DetailedItem.Retaliation] = ViolationType.Other, // retaliation is not among (一)–(十)
        [DetailedItem.RectificationNotDone] = ViolationType.OversightObstructed, // (十) 不落实检查、考核、评议决定要求
        [DetailedItem.UnauthorisedRelease] = ViolationType.WrongfulRelease, // (四) 错误公开信息,泄露国家秘密
        [DetailedItem.UnclearResponsibilityLedToCase] = ViolationType.MechanismNotInPlace, // (二) 机制不健全
    };

    public static ViolationType TypeOf(DetailedItem item) => TypeByItem[item];
}
