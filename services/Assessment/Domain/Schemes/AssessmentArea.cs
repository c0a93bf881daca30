namespace Ogi.Assessment.Domain.Schemes;

/// <summary>The ten areas of assessment content, seed 004 邯郸考核办法 第六条 (一)–(十) (AS-1).</summary>
public enum AssessmentArea
{
    [ChineseLabel("组织保障")] OrganisationalSupport,
    [ChineseLabel("政府信息管理")] InformationManagement,
    [ChineseLabel("主动公开")] ProactiveDisclosure,
    [ChineseLabel("依申请公开")] DisclosureOnRequest,
    [ChineseLabel("政策解读")] PolicyInterpretation,
    [ChineseLabel("回应关切")] RespondingToConcerns,
    [ChineseLabel("公众参与")] PublicParticipation,
    [ChineseLabel("平台建设")] Platforms,
    [ChineseLabel("监督检查")] Supervision,
    [ChineseLabel("其他")] Other,
}
