using Ogi.BuildingBlocks.Domain;
using Ogi.SecrecyReview.Domain.Findings;

namespace Ogi.SecrecyReview.Domain.Reviews;

/// <summary>Where an item to be made public comes from (SR-1).</summary>
public enum ItemSource
{
    [Label("依申请公开答复材料")] ApplicationDocument,
    [Label("主动公开")] ProactivePublication,
}

/// <summary>
/// SR-9 (Reg. 26; seed 003 成都审核办法 第五条): a proactive item is reviewed and published within 20 working days of
/// being formed or changed. The deadline is computed by the caller with the working-day calendar (CAL-2) and passed in.
/// </summary>
public sealed record ProactivePeriod(DateOnly FormedOrChangedOn, DateOnly PublicationDeadline)
{
    public const int WorkingDays = 20;
}

/// <summary>
/// One item to be made public. <see cref="ReplyDeadline"/> is the application's reply deadline for an application
/// document (from intake); <see cref="DeclaredClassification"/> is the 密级 the producing unit marked at 审签
/// (seed 001 第十二条); <see cref="CoProducers"/> are the other units that produced it jointly (SR-8).
/// </summary>
public sealed record ReviewItem(
    string ItemId,
    string AgencyCode,
    string Title,
    string Text,
    ItemSource Source,
    string? ApplicationId = null,
    DateOnly? ReplyDeadline = null,
    ProactivePeriod? Proactive = null,
    SecrecyLevel? DeclaredClassification = null,
    IReadOnlyList<string>? CoProducers = null);
