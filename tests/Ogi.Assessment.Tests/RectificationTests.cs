using Ogi.Assessment.Domain.Consequences;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Tests;

public class RectificationTests
{
    private static readonly DateTimeOffset DecidedAt = new(2026, 5, 6, 10, 0, 0, TimeSpan.FromHours(8));

    private static Rectification FailedAssessment(DateOnly notice) =>
        new(Guid.NewGuid(), "A", RectificationOrigin.FailedAssessment, Guid.NewGuid(), "考核不合格",
            RectificationDeadline.Compute(Fixtures.Calendar, PolicyProfile.Reg2019, notice));

    [Fact]
    public void AS6_report_is_due_20_working_days_after_the_notice_by_the_calendar()
    {
        // Notice Mon 2 March 2026: Mar 3–6 (4), 9–13 (9), 16–20 (14), 23–27 (19), Mon 30 March is the 20th working day.
        Assert.Equal(new DateOnly(2026, 3, 30), FailedAssessment(new DateOnly(2026, 3, 2)).Deadline.DueDate);

        // Notice Mon 21 Sep 2026: Sep 22–24 (3), [25–27 中秋], 28–30 (6), [Oct 1–7 国庆], Oct 8, 9 (8), Sat Oct 10 调休 (9),
        // 12–16 (14), 19–23 (19), Mon 26 Oct is the 20th.
        var overHolidays = FailedAssessment(new DateOnly(2026, 9, 21));
        Assert.Equal(new DateOnly(2026, 10, 26), overHolidays.Deadline.DueDate);
        Assert.False(overHolidays.Deadline.IsProvisional);
        Assert.Equal(PolicyProfile.Reg2019Name, overHolidays.Deadline.ProfileName);
    }

    [Fact]
    public void AS6_rectification_is_overdue_on_the_day_after_the_due_date_not_before()
    {
        var rectification = FailedAssessment(new DateOnly(2026, 3, 2));

        Assert.False(rectification.IsOverdueOn(new DateOnly(2026, 3, 27)));
        Assert.False(rectification.IsOverdueOn(new DateOnly(2026, 3, 30)));
        Assert.True(rectification.IsOverdueOn(new DateOnly(2026, 3, 31)));

        rectification.CheckOverdue(new DateOnly(2026, 3, 30));
        Assert.Empty(rectification.Events);
        rectification.CheckOverdue(new DateOnly(2026, 3, 31));
        rectification.CheckOverdue(new DateOnly(2026, 4, 1));

        var overdue = Assert.Single(rectification.Events.OfType<RectificationOverdue>());
        Assert.Equal((new DateOnly(2026, 3, 30), new DateOnly(2026, 3, 31), "A"), (overdue.DueDate, overdue.DetectedOn, overdue.AgencyCode));
    }

    [Fact]
    public void AS6_a_report_filed_in_time_is_never_overdue_and_a_late_one_shows_as_late()
    {
        var inTime = FailedAssessment(new DateOnly(2026, 3, 2));
        inTime.FileReport(new DateOnly(2026, 3, 30), "整改报告：已成立领导小组");
        inTime.CheckOverdue(new DateOnly(2026, 4, 15));
        Assert.Empty(inTime.Events);
        Assert.False(inTime.FiledLate);

        var late = FailedAssessment(new DateOnly(2026, 3, 2));
        late.FileReport(new DateOnly(2026, 4, 2), "整改报告");
        Assert.True(late.FiledLate);
        Assert.True(late.IsOverdueOn(new DateOnly(2026, 4, 1)));
        Assert.False(late.IsOverdueOn(new DateOnly(2026, 4, 2)));
        Assert.Equal("AS-6", Assert.Throws<RuleViolationException>(() => late.FileReport(new DateOnly(2026, 4, 3), "再报")).RuleId);
    }

    [Fact]
    public void AS6_still_short_after_rectifying_a_failed_assessment_means_an_interview()
    {
        var rectification = FailedAssessment(new DateOnly(2026, 3, 2));
        Assert.Equal("AS-6", Assert.Throws<RuleViolationException>(() =>
            rectification.Conclude(false, null, "未整改", "主管部门", DecidedAt)).RuleId);
        rectification.FileReport(new DateOnly(2026, 3, 20), "整改报告");
        Assert.Equal("AS-6", Assert.Throws<RuleViolationException>(() =>
            rectification.Conclude(false, AccountabilityMeasure.CirculatedCriticism, "整改不到位", "主管部门", DecidedAt)).RuleId);

        rectification.Conclude(false, null, "整改不到位", "主管部门", DecidedAt);

        var inadequate = Assert.Single(rectification.Events.OfType<RectificationInadequate>());
        Assert.Equal((AccountabilityMeasure.Interview, "A", RectificationOrigin.FailedAssessment),
            (inadequate.Measure, inadequate.AgencyCode, inadequate.Origin));
        Assert.Equal("AS-6", Assert.Throws<RuleViolationException>(() => rectification.Conclude(true, null, "", "主管部门", DecidedAt)).RuleId);
    }

    [Fact]
    public void AS6_adequate_rectification_opens_no_case()
    {
        var rectification = FailedAssessment(new DateOnly(2026, 3, 2));
        rectification.FileReport(new DateOnly(2026, 3, 20), "整改报告");

        rectification.Conclude(true, null, "", "主管部门", DecidedAt);

        Assert.True(rectification.Adequate);
        Assert.Empty(rectification.Events);
    }
}
