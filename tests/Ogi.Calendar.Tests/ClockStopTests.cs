using Ogi.BuildingBlocks.Calendar;
using static Ogi.Calendar.Tests.Shipped;

namespace Ogi.Calendar.Tests;

/// <summary>CAL-4: stopped working days (S &lt; d ≤ R) do not count; the deadline moves by exactly those days.</summary>
public class ClockStopTests
{
    private static PeriodClock Clock(string start, int n, params ClockStop[] stops) =>
        new(Shipped.Calendar, Day(start), n, PeriodUnit.WorkingDays, PolicyProfile.Reg2019Name, stops);

    private static ClockStop Stop(string stopped, string? resumed, string reason = "补正") =>
        new(Day(stopped), resumed is null ? null : Day(resumed), reason);

    [Fact]
    public void CAL4_one_stop_moves_the_deadline_by_the_stopped_working_days()
    {
        // Receipt Mon 2026-03-02, 20 working days, no stop: Mar 3–6 = 1..4, 9–13 = 5..9, 16–20 = 10..14, 23–27 = 15..19, Mon Mar 30 = 20.
        Assert.Equal(Day("2026-03-30"), Clock("2026-03-02", 20).Result.DeadlineDate);

        // Stopped Thu Mar 5 (still counted: day 3), resumed Tue Mar 10: Mar 6, 9, 10 are excluded (3 working days).
        // Counting restarts Wed Mar 11 = day 4; the deadline moves 3 working days: Mar 31, Apr 1, Thu Apr 2.
        var clock = Clock("2026-03-02", 20, Stop("2026-03-05", "2026-03-10"));

        Assert.Equal(Day("2026-04-02"), clock.Result.DeadlineDate);
        Assert.Equal(Shipped.Calendar.AddWorkingDays(Day("2026-03-02"), 23).DeadlineDate, clock.Result.DeadlineDate);
        Assert.Equal(3, clock.DaysUsedOn(Day("2026-03-10")));
        Assert.Equal(4, clock.DaysUsedOn(Day("2026-03-11")));
        Assert.Contains("3个工作日不计入", clock.Result.ExplanationText, StringComparison.Ordinal);
    }

    [Fact]
    public void CAL4_a_stop_resumed_the_same_day_excludes_nothing()
    {
        var clock = Clock("2026-03-02", 20, Stop("2026-03-05", "2026-03-05"));
        Assert.Equal(Day("2026-03-30"), clock.Result.DeadlineDate);
    }

    [Fact]
    public void CAL4_several_stops_add_up()
    {
        // Stop 1: Mar 5 → Mar 10 excludes Mar 6, 9, 10 (3). Stop 2: Fri Mar 20 → Tue Mar 24 excludes Mar 23, 24 (2; the weekend never counted).
        var clock = Clock("2026-03-02", 20, Stop("2026-03-05", "2026-03-10"), Stop("2026-03-20", "2026-03-24", "征求第三方意见"));
        Assert.Equal(Shipped.Calendar.AddWorkingDays(Day("2026-03-02"), 25).DeadlineDate, clock.Result.DeadlineDate);
        // 20 + 5 from Mar 2: Mar 30 + 5 working days = Mar 31, Apr 1, 2, 3, then 清明 Apr 4–6, Tue Apr 7.
        Assert.Equal(Day("2026-04-07"), clock.Result.DeadlineDate);
    }

    [Fact]
    public void CAL4_a_stop_across_a_holiday_excludes_only_working_days()
    {
        // Receipt Mon 2026-09-21, 20 working days. Stopped Thu Sep 24, resumed Fri Oct 9:
        // (Sep 24, Oct 9] holds Sep 25–27 中秋, Sep 28, 29, 30 (3), Oct 1–7 国庆, Oct 8, 9 (2) → 5 working days excluded.
        var start = Day("2026-09-21");
        var clock = Clock("2026-09-21", 20, Stop("2026-09-24", "2026-10-09"));

        Assert.Equal(5, Shipped.Calendar.CountWorkingDays(Day("2026-09-24"), Day("2026-10-09")).Days);
        Assert.Equal(Shipped.Calendar.AddWorkingDays(start, 25).DeadlineDate, clock.Result.DeadlineDate);
        // Without the stop: Sep 22–24 = 1..3, Sep 28–30 = 4..6, Oct 8, 9 = 7, 8, Sat Oct 10 (调休) = 9, Oct 12–16 = 10..14, 19–23 = 15..19, Mon Oct 26 = 20.
        Assert.Equal(Day("2026-10-26"), Clock("2026-09-21", 20).Result.DeadlineDate);
        // With it: day 3 is Sep 24, counting resumes Sat Oct 10 (调休) = 4, so 5 more days: Oct 27–30 and Mon Nov 2.
        Assert.Equal(Day("2026-11-02"), clock.Result.DeadlineDate);
        Assert.Contains("5个工作日不计入", clock.Result.ExplanationText, StringComparison.Ordinal);
    }

    [Fact]
    public void CAL4_an_open_stop_pauses_the_clock_with_the_days_used_so_far()
    {
        // Stopped Thu 2026-03-05 (day 3), not resumed: deadline unknown, 3 used, 17 left on any later day.
        var clock = Clock("2026-03-02", 20, Stop("2026-03-05", null, "缴费通知"));

        Assert.True(clock.Result.IsPaused);
        Assert.Null(clock.Result.DeadlineDate);
        Assert.Null(clock.Result.DeadlineInstant);
        Assert.Equal(3, clock.Result.DaysUsed);
        Assert.Equal(17, clock.DaysLeftOn(Day("2026-04-30")));
        Assert.Contains("尚未恢复", clock.Result.ExplanationText, StringComparison.Ordinal);

        // Resumed Mon Mar 16: Mar 6, 9–13, 16 excluded (7 working days).
        var resumed = Clock("2026-03-02", 20, Stop("2026-03-05", "2026-03-16", "缴费通知"));
        Assert.Equal(Shipped.Calendar.AddWorkingDays(Day("2026-03-02"), 27).DeadlineDate, resumed.Result.DeadlineDate);
    }

    [Fact]
    public void CAL4_a_stop_overlapping_the_deadline_moves_it_past_the_resumption()
    {
        // Deadline without a stop: Mon Mar 30 (day 20). Stopped Fri Mar 27 (day 19), resumed Wed Apr 1:
        // Mar 30, 31, Apr 1 excluded (3); day 20 is then Thu Apr 2.
        var clock = Clock("2026-03-02", 20, Stop("2026-03-27", "2026-04-01"));
        Assert.Equal(Day("2026-04-02"), clock.Result.DeadlineDate);
        Assert.Equal(Shipped.Calendar.AddWorkingDays(Day("2026-03-02"), 23).DeadlineDate, clock.Result.DeadlineDate);
    }

    [Fact]
    public void CAL4_a_stop_after_the_deadline_changes_nothing()
    {
        var clock = Clock("2026-03-02", 20, Stop("2026-03-30", "2026-04-10"));
        Assert.Equal(Day("2026-03-30"), clock.Result.DeadlineDate);
        Assert.Contains("不影响期限", clock.Result.ExplanationText, StringComparison.Ordinal);
        var open = Clock("2026-03-02", 20, Stop("2026-04-01", null));
        Assert.Equal(Day("2026-03-30"), open.Result.DeadlineDate);
    }

    [Fact]
    public void CAL4_days_left_accounts_for_stops_and_goes_negative_when_overdue()
    {
        var clock = Clock("2026-03-02", 20, Stop("2026-03-05", "2026-03-10"));
        Assert.Equal(20, clock.DaysLeftOn(Day("2026-03-02")));
        Assert.Equal(17, clock.DaysLeftOn(Day("2026-03-09")));
        Assert.Equal(0, clock.DaysLeftOn(Day("2026-04-02")));
        Assert.Equal(-1, clock.DaysLeftOn(Day("2026-04-03")));
        // The 清明 weekend and holiday (Apr 4–6) do not make it more overdue.
        Assert.Equal(-2, clock.DaysLeftOn(Day("2026-04-07")));
    }

    [Fact]
    public void CAL4_random_stops_always_move_the_deadline_by_exactly_the_excluded_working_days()
    {
        var random = new Random(20260221);
        for (var i = 0; i < 500; i++)
        {
            var start = Day("2024-01-01").AddDays(random.Next(0, 900));
            var n = random.Next(1, 30);
            var stopped = start.AddDays(random.Next(0, 20));
            var resumed = stopped.AddDays(random.Next(0, 25));
            var clock = new PeriodClock(Shipped.Calendar, start, n, stops: [new ClockStop(stopped, resumed, "test")]);
            var plain = Shipped.Calendar.AddWorkingDays(start, n).DeadlineDate!.Value;

            // Working days the stop excluded before the new deadline: (S, min(R, …)] — a stop from the deadline on excludes nothing.
            var excluded = stopped >= plain ? 0 : Shipped.Calendar.CountWorkingDays(stopped, resumed).Days;
            Assert.Equal(Shipped.Calendar.AddWorkingDays(start, n + excluded).DeadlineDate, clock.Result.DeadlineDate);
        }
    }

    [Fact]
    public void CAL4_bad_stops_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Clock("2026-03-02", 20, Stop("2026-03-01", "2026-03-04")));
        Assert.Throws<ArgumentException>(() => Clock("2026-03-02", 20, Stop("2026-03-05", "2026-03-04")));
        Assert.Throws<ArgumentException>(() => Clock("2026-03-02", 20, Stop("2026-03-05", null), Stop("2026-03-09", null)));
        Assert.Throws<ArgumentException>(() => Clock("2026-03-02", 20, Stop("2026-03-05", null), Stop("2026-03-09", "2026-03-10")));
    }
}
