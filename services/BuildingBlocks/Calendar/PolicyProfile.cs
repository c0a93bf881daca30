namespace Ogi.BuildingBlocks.Calendar;

/// <summary>The periods a profile sets (CAL-5), with the rule each serves.</summary>
public enum PeriodKind
{
    /// <summary>INT-5 答复期限.</summary>
    Reply,

    /// <summary>INT-5 延长答复期限 (the most an extension may add).</summary>
    Extension,

    /// <summary>INT-4 补正告知.</summary>
    CorrectionNotice,

    /// <summary>CO-2 协调回复.</summary>
    CoordinationReply,

    /// <summary>CO-2 紧急协调.</summary>
    UrgentCoordination,

    /// <summary>CO-2 共同制作信息征求意见 (Reg. 34).</summary>
    CoProducedConsultation,

    /// <summary>第三方意见征询.</summary>
    ThirdPartyConsultation,

    /// <summary>INT-7 缴费期限.</summary>
    FeePayment,

    /// <summary>主动公开时限.</summary>
    ProactivePublication,

    /// <summary>主动公开延期 (the most a deferral may add).</summary>
    ProactiveDeferral,

    /// <summary>考核整改报告.</summary>
    RectificationReport,

    /// <summary>AC-3 投诉举报受理 (calendar days).</summary>
    ComplaintAcceptance,

    /// <summary>申诉期限 (calendar days).</summary>
    Appeal,
}

/// <summary>
/// CAL-5: a named set of periods. <see cref="Reg2019"/> is the 2019 regulation's defaults; <see cref="Seed001"/>
/// keeps seed 001's 15-working-day reply and 15-working-day extension. Operators add or override profiles by file.
/// </summary>
public sealed record PolicyProfile
{
    public const string Reg2019Name = "reg-2019";
    public const string Seed001Name = "seed-001";

    public static readonly PolicyProfile Reg2019 = new()
    {
        Name = Reg2019Name,
        Description = "《政府信息公开条例》（2019年修订）默认期限",
    };

    public static readonly PolicyProfile Seed001 = Reg2019 with
    {
        Name = Seed001Name,
        Description = "种子文件001：15个工作日答复、延长不超过15个工作日，其余同条例",
        ReplyWorkingDays = 15,
        ExtensionMaxWorkingDays = 15,
    };

    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public int ReplyWorkingDays { get; init; } = 20;

    public int ExtensionMaxWorkingDays { get; init; } = 20;

    public int CorrectionNoticeWorkingDays { get; init; } = 7;

    public int CoordinationReplyWorkingDays { get; init; } = 10;

    public int UrgentCoordinationWorkingDays { get; init; } = 1;

    public int CoProducedConsultationWorkingDays { get; init; } = 15;

    public int ThirdPartyConsultationWorkingDays { get; init; } = 15;

    public int FeePaymentWorkingDays { get; init; } = 20;

    public int ProactivePublicationWorkingDays { get; init; } = 20;

    public int ProactiveDeferralMaxWorkingDays { get; init; } = 30;

    public int RectificationReportWorkingDays { get; init; } = 20;

    /// <summary>INT-10: warn this many working days before a deadline.</summary>
    public int DeadlineWarningWorkingDays { get; init; } = 3;

    public int ComplaintAcceptanceDays { get; init; } = 15;

    public int AppealDays { get; init; } = 30;

    /// <summary>The length and unit of a period under this profile.</summary>
    public (int Length, PeriodUnit Unit) Period(PeriodKind kind) => kind switch
    {
        PeriodKind.Reply => (ReplyWorkingDays, PeriodUnit.WorkingDays),
        PeriodKind.Extension => (ExtensionMaxWorkingDays, PeriodUnit.WorkingDays),
        PeriodKind.CorrectionNotice => (CorrectionNoticeWorkingDays, PeriodUnit.WorkingDays),
        PeriodKind.CoordinationReply => (CoordinationReplyWorkingDays, PeriodUnit.WorkingDays),
        PeriodKind.UrgentCoordination => (UrgentCoordinationWorkingDays, PeriodUnit.WorkingDays),
        PeriodKind.CoProducedConsultation => (CoProducedConsultationWorkingDays, PeriodUnit.WorkingDays),
        PeriodKind.ThirdPartyConsultation => (ThirdPartyConsultationWorkingDays, PeriodUnit.WorkingDays),
        PeriodKind.FeePayment => (FeePaymentWorkingDays, PeriodUnit.WorkingDays),
        PeriodKind.ProactivePublication => (ProactivePublicationWorkingDays, PeriodUnit.WorkingDays),
        PeriodKind.ProactiveDeferral => (ProactiveDeferralMaxWorkingDays, PeriodUnit.WorkingDays),
        PeriodKind.RectificationReport => (RectificationReportWorkingDays, PeriodUnit.WorkingDays),
        PeriodKind.ComplaintAcceptance => (ComplaintAcceptanceDays, PeriodUnit.CalendarDays),
        PeriodKind.Appeal => (AppealDays, PeriodUnit.CalendarDays),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown period kind"),
    };
}
