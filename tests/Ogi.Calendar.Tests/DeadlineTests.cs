using Ogi.BuildingBlocks.Calendar;
using static Ogi.Calendar.Tests.Shipped;

namespace Ogi.Calendar.Tests;

/// <summary>CAL-2: "within N working days from day D", worked out by hand across 春节 and 国庆.</summary>
public class DeadlineTests
{
    [Fact]
    public void CAL2_reply_across_spring_festival_2026()
    {
        // Receipt Tue 2026-02-10, 20 working days:
        // Feb 11 W=1, 12 Th=2, 13 F=3, 14 Sa(调休)=4, Feb 15–23 春节 off, 24 Tu=5, 25=6, 26=7, 27 F=8, 28 Sa(调休)=9,
        // Mar 2=10, 3=11, 4=12, 5=13, 6=14, 9=15, 10=16, 11=17, 12=18, 13=19, Mon Mar 16=20.
        var result = Shipped.Calendar.AddWorkingDays(Day("2026-02-10"), 20);

        Assert.Equal(Day("2026-03-16"), result.DeadlineDate);
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 23, 59, 59, TimeSpan.FromHours(8)), result.DeadlineInstant);
        Assert.Equal(Day("2026-02-11"), result.FirstDay);
        Assert.Equal(20, result.DaysUsed);
        Assert.False(result.IsProvisional);
        Assert.Equal(Shipped.Calendar.Version, result.CalendarVersion);
    }

    [Fact]
    public void CAL2_a_working_saturday_is_counted()
    {
        // From Thu 2026-02-12: Fri 13 = 1, Sat 14 (调休上班) = 2. Without the 调休 day it would be Tue Feb 24.
        Assert.Equal(Day("2026-02-14"), Shipped.Calendar.AddWorkingDays(Day("2026-02-12"), 2).DeadlineDate);
        // From Fri 2026-02-13: Sat 14 is day 1, then 春节 Feb 15–23, Tue Feb 24 is day 2.
        Assert.Equal(Day("2026-02-24"), Shipped.Calendar.AddWorkingDays(Day("2026-02-13"), 2).DeadlineDate);
    }

    [Fact]
    public void CAL2_reply_across_national_day_2025()
    {
        // Receipt Fri 2025-09-26, 20 working days: Sa 27 off, Su 28 (调休)=1, M 29=2, Tu 30=3, Oct 1–8 国庆/中秋 off,
        // Th Oct 9=4, F 10=5, Sa 11 (调休)=6, 13–17=7..11, 20–24=12..16, 27=17, 28=18, 29=19, Thu Oct 30=20.
        var result = Shipped.Calendar.AddWorkingDays(Day("2025-09-26"), 20);
        Assert.Equal(Day("2025-10-30"), result.DeadlineDate);
        Assert.Equal(Day("2025-09-28"), result.FirstDay);
    }

    [Fact]
    public void CAL2_coordination_across_mid_autumn_and_national_day_2026()
    {
        // Letter Fri 2026-09-18, 10 working days: Sa 19 off, Su 20 (调休)=1, M 21=2, 22=3, 23=4, Th 24=5,
        // Sep 25–27 中秋 off, M 28=6, 29=7, W 30=8, Oct 1–7 国庆 off, Th Oct 8=9, Fri Oct 9=10.
        var result = Shipped.Calendar.AddWorkingDays(Day("2026-09-18"), 10);
        Assert.Equal(Day("2026-10-09"), result.DeadlineDate);
        // One more day: Sat Oct 10 is 调休上班.
        Assert.Equal(Day("2026-10-10"), Shipped.Calendar.AddWorkingDays(Day("2026-09-18"), 11).DeadlineDate);
    }

    [Fact]
    public void CAL2_received_on_a_holiday_day_one_is_the_first_working_day_after()
    {
        // Received during 国庆 2024 (Oct 3): Oct 4–7 off, Tue Oct 8 is day 1.
        var result = Shipped.Calendar.AddWorkingDays(Day("2024-10-03"), 1);
        Assert.Equal(Day("2024-10-08"), result.DeadlineDate);
    }

    [Fact]
    public void CAL2_working_days_left_counts_after_today_up_to_the_deadline()
    {
        var deadline = Day("2026-03-16");
        Assert.Equal(0, Shipped.Calendar.WorkingDaysLeft(deadline, deadline).Days);
        // From Fri Mar 13: only Mon Mar 16 is left.
        Assert.Equal(1, Shipped.Calendar.WorkingDaysLeft(Day("2026-03-13"), deadline).Days);
        // From receipt day: all 20.
        Assert.Equal(20, Shipped.Calendar.WorkingDaysLeft(Day("2026-02-10"), deadline).Days);
        // Two working days overdue on Wed Mar 18.
        Assert.Equal(-2, Shipped.Calendar.WorkingDaysLeft(Day("2026-03-18"), deadline).Days);
    }

    [Fact]
    public void CAL2_invariants_over_many_starts_and_lengths()
    {
        int[] lengths = [0, 1, 2, 3, 5, 7, 10, 15, 20, 30, 40];
        var checkedCases = 0;
        foreach (var n in lengths)
        {
            DateOnly? previousDeadline = null;
            for (var start = Day("2024-01-01"); start <= Day("2026-09-30"); start = start.AddDays(1))
            {
                var result = Shipped.Calendar.AddWorkingDays(start, n);
                var deadline = result.DeadlineDate!.Value;

                // Add then count round-trips.
                Assert.Equal(n, Shipped.Calendar.CountWorkingDays(start, deadline).Days);
                // The deadline is a working day (or D itself for N = 0).
                Assert.True(n == 0 || Shipped.Calendar.IsWorkingDay(deadline), $"{start:yyyy-MM-dd}+{n} → {deadline:yyyy-MM-dd} is not a working day");
                // A later start never gives an earlier deadline.
                Assert.True(previousDeadline is null || deadline >= previousDeadline, $"{start:yyyy-MM-dd}+{n} went backwards");
                // Nothing before the deadline would already have been day N.
                Assert.True(n == 0 || Shipped.Calendar.CountWorkingDays(start, deadline.AddDays(-1)).Days == n - 1);
                Assert.False(result.IsProvisional);
                previousDeadline = deadline;
                checkedCases++;
            }
        }

        Assert.Equal(lengths.Length * (Day("2026-09-30").DayNumber - Day("2024-01-01").DayNumber + 1), checkedCases);
    }

    [Fact]
    public void CAL2_a_period_can_cross_from_one_year_into_the_next()
    {
        // Receipt Fri 2024-12-20, 10 working days: Dec 23–27 = 1..5, Dec 30 = 6, Dec 31 = 7, Jan 1 元旦 off, Jan 2 = 8, Jan 3 = 9, Mon Jan 6 = 10.
        Assert.Equal(Day("2025-01-06"), Shipped.Calendar.AddWorkingDays(Day("2024-12-20"), 10).DeadlineDate);
    }
}
