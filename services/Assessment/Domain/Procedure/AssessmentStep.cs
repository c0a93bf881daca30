namespace Ogi.Assessment.Domain.Procedure;

/// <summary>The steps of the assessment procedure, seed 004 第八条 (一)–(六), in order (AS-3).</summary>
public enum AssessmentStep
{
    [ChineseLabel("制定考核方案")] Planned,
    [ChineseLabel("下发考核通知")] NoticeIssued,
    [ChineseLabel("单位自查并报送材料")] SelfCheckSubmitted,
    [ChineseLabel("网上核查、实地检查或抽查")] Verified,
    [ChineseLabel("提出考核等次意见")] GradesProposed,
    [ChineseLabel("本级政府审定")] Approved,
    [ChineseLabel("书面反馈考核结果并予公布")] FeedbackPublished,
}

/// <summary>How the assessment group verified (第八条 (四)).</summary>
public enum VerificationMethod
{
    [ChineseLabel("网上核查")] Online,
    [ChineseLabel("实地检查")] OnSite,
    [ChineseLabel("抽查")] SpotCheck,
}

/// <summary>How a routine check was made (第七条 (一)).</summary>
public enum RoutineCheckMethod
{
    [ChineseLabel("日常工作反馈")] DailyFeedback,
    [ChineseLabel("网上检查")] OnlineCheck,
    [ChineseLabel("专项检查")] SpecialInspection,
    [ChineseLabel("随机抽查")] RandomSpotCheck,
}

/// <summary>One completed step: who completed it and when.</summary>
public sealed record StepRecord(AssessmentStep Step, string Actor, DateTimeOffset At);
