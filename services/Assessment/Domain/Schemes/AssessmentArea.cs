using Ogi.BuildingBlocks.Domain;
namespace Ogi.Assessment.Domain.Schemes;

/// <summary>The ten areas of assessment content, seed 004 邯郸考核办法 第六条 (一)–(十) (AS-1).</summary>
public enum AssessmentArea
{
    [Label("组织保障")] OrganisationalSupport,
    [Label("政府信息管理")] InformationManagement,
    [Label("主动公开")] ProactiveDisclosure,
    [Label("依申请公开")] DisclosureOnRequest,
    [Label("政策解读")] PolicyInterpretation,
    [Label("回应关切")] RespondingToConcerns,
    [Label("公众参与")] PublicParticipation,
    [Label("平台建设")] Platforms,
    [Label("监督检查")] Supervision,
    [Label("其他")] Other,
}
