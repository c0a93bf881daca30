using Ogi.BuildingBlocks.Domain;
namespace Ogi.Assessment.Domain.Procedure;

/// <summary>The steps of the assessment procedure, seed 004 第八条 (一)–(六), in order (AS-3).</summary>
public enum AssessmentStep
{
    [Label("制定考核方案")] Planned,
    [Label("下发考核通知")] NoticeIssued,
    [Label("单位自查并报送材料")] SelfCheckSubmitted,
    [Label("网上核查、实地检查或抽查")] Verified,
    [Label("提出考核等次意见")] GradesProposed,
    [Label("本级政府审定")] Approved,
    [Label("书面反馈考核结果并予公布")] FeedbackPublished,
}

/// <summary>How the assessment group verified (第八条 (四)).</summary>
public enum VerificationMethod
{
    [Label("网上核查")] Online,
    [Label("实地检查")] OnSite,
    [Label("抽查")] SpotCheck,
}

/// <summary>How a routine check was made (第七条 (一)).</summary>
public enum RoutineCheckMethod
{
    [Label("日常工作反馈")] DailyFeedback,
    [Label("网上检查")] OnlineCheck,
    [Label("专项检查")] SpecialInspection,
    [Label("随机抽查")] RandomSpotCheck,
}

/// <summary>One completed step: who completed it and when.</summary>
public sealed record StepRecord(AssessmentStep Step, string Actor, DateTimeOffset At);
