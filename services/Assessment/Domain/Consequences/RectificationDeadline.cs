using Ogi.BuildingBlocks.Calendar;

namespace Ogi.Assessment.Domain.Consequences;

/// <summary>
/// When a rectification report is due: within 20 working days of the notice (seed 004 考核办法 第十一条, 社会评议办法 第九条;
/// AS-6, AS-7), counted by CAL-2 (the notice day is not counted). The profile may set another length (CAL-5).
/// Seed 001 七 asks for rectification measures within one week; domain.md's 20 working days is followed.
/// </summary>
public sealed record RectificationDeadline(DateOnly NoticeDate, DateOnly DueDate, bool IsProvisional, string CalendarVersion, string ProfileName)
{
    public static RectificationDeadline Compute(WorkingDayCalendar calendar, PolicyProfile profile, DateOnly noticeDate)
    {
        var (length, unit) = profile.Period(PeriodKind.RectificationReport);
        var result = new PeriodClock(calendar, noticeDate, length, unit, profile.Name).Result;
        return new RectificationDeadline(noticeDate, result.DeadlineDate!.Value, result.IsProvisional, result.CalendarVersion, profile.Name);
    }
}
