using Ogi.Assessment.Domain;
using Ogi.Assessment.Domain.Schemes;
using Ogi.BuildingBlocks.Calendar;

namespace Ogi.Assessment.Tests;

/// <summary>A scheme over the ten areas of seed 004 第六条 whose leaves sum to 100, and the shipped calendar.</summary>
internal static class Fixtures
{
    public static readonly WorkingDayCalendar Calendar = new(CalendarLoader.ShippedYears());

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public static IReadOnlyList<Indicator> TenAreas() =>
    [
        Indicator.Leaf("1", "组织保障", AssessmentArea.OrganisationalSupport, 10m),
        Indicator.Leaf("2", "政府信息管理", AssessmentArea.InformationManagement, 5m),
        Indicator.Group("3", "主动公开", AssessmentArea.ProactiveDisclosure,
        [
            Indicator.Leaf("3.1", "法定主动公开内容", AssessmentArea.ProactiveDisclosure, 12m),
            Indicator.Leaf("3.2", "政府信息公开年度报告", AssessmentArea.ProactiveDisclosure, 8m),
        ]),
        Indicator.Group("4", "依申请公开", AssessmentArea.DisclosureOnRequest,
        [
            Indicator.Leaf("4.1", "按时答复", AssessmentArea.DisclosureOnRequest, 10m),
            Indicator.Leaf("4.2", "逾期答复", AssessmentArea.DisclosureOnRequest, 5m),
            Indicator.Leaf("4.3", "复议诉讼", AssessmentArea.DisclosureOnRequest, 5m),
        ]),
        Indicator.Leaf("5", "政策解读", AssessmentArea.PolicyInterpretation, 10m),
        Indicator.Leaf("6", "回应关切", AssessmentArea.RespondingToConcerns, 10m),
        Indicator.Leaf("7", "公众参与", AssessmentArea.PublicParticipation, 5m),
        Indicator.Leaf("8", "平台建设", AssessmentArea.Platforms, 10m),
        Indicator.Leaf("9", "监督检查", AssessmentArea.Supervision, 5m),
        Indicator.Leaf("10", "其他", AssessmentArea.Other, 5m),
    ];

    public static ResultWeights SelfAndGroupOnly() => new(0m, 0.3m, 0.7m, 0m, 0m);

    public static AssessmentScheme Scheme(ResultWeights? weights = null) =>
        new(Guid.NewGuid(), 2026, AgencyLevel.County, TenAreas(), weights ?? SelfAndGroupOnly());
}
