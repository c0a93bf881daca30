using Ogi.BuildingBlocks.Calendar;
using static Ogi.Calendar.Tests.Shipped;

namespace Ogi.Calendar.Tests;

/// <summary>
/// CAL-1: the shipped tables against reference-data.md, written out here independently of Data/*.json,
/// so a wrong data file fails.
/// </summary>
public class HolidayTableTests
{
    // reference-data.md, "Statutory holidays and adjusted working days": holiday ranges (both ends included).
    private static readonly Dictionary<int, (string First, string Last)[]> ExpectedHolidays = new()
    {
        [2024] = [("2024-01-01", "2024-01-01"), ("2024-02-10", "2024-02-17"), ("2024-04-04", "2024-04-06"), ("2024-05-01", "2024-05-05"),
            ("2024-06-10", "2024-06-10"), ("2024-09-15", "2024-09-17"), ("2024-10-01", "2024-10-07")],
        [2025] = [("2025-01-01", "2025-01-01"), ("2025-01-28", "2025-02-04"), ("2025-04-04", "2025-04-06"), ("2025-05-01", "2025-05-05"),
            ("2025-05-31", "2025-06-02"), ("2025-10-01", "2025-10-08")],
        [2026] = [("2026-01-01", "2026-01-03"), ("2026-02-15", "2026-02-23"), ("2026-04-04", "2026-04-06"), ("2026-05-01", "2026-05-05"),
            ("2026-06-19", "2026-06-21"), ("2026-09-25", "2026-09-27"), ("2026-10-01", "2026-10-07")],
    };

    // reference-data.md: working weekend days (调休上班).
    private static readonly Dictionary<int, string[]> ExpectedWorkingWeekendDays = new()
    {
        [2024] = ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"],
        [2025] = ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
        [2026] = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
    };

    public static TheoryData<int> Years => [2024, 2025, 2026];

    [Theory]
    [MemberData(nameof(Years))]
    public void CAL1_every_holiday_is_a_day_off(int year)
    {
        foreach (var (first, last) in ExpectedHolidays[year])
        {
            for (var d = Day(first); d <= Day(last); d = d.AddDays(1))
            {
                Assert.True(Shipped.Calendar.Classify(d) == DayKind.Holiday, $"{d:yyyy-MM-dd} should be a holiday");
                Assert.False(Shipped.Calendar.IsWorkingDay(d));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void CAL1_every_working_weekend_day_is_a_working_day(int year)
    {
        foreach (var iso in ExpectedWorkingWeekendDays[year])
        {
            var d = Day(iso);
            Assert.True(d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{iso} in the expected list is not a weekend day");
            Assert.Equal(DayKind.WorkingWeekendDay, Shipped.Calendar.Classify(d));
            Assert.True(Shipped.Calendar.IsWorkingDay(d));
        }
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void CAL1_every_other_day_follows_monday_to_friday(int year)
    {
        var holidays = ExpectedHolidays[year].SelectMany(r => Enumerable.Range(0, Day(r.Last).DayNumber - Day(r.First).DayNumber + 1)
            .Select(i => Day(r.First).AddDays(i))).ToHashSet();
        var working = ExpectedWorkingWeekendDays[year].Select(Day).ToHashSet();
        var checkedDays = 0;
        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            if (holidays.Contains(d) || working.Contains(d))
            {
                continue;
            }

            var weekend = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            Assert.True(Shipped.Calendar.Classify(d) == (weekend ? DayKind.Weekend : DayKind.Weekday), $"{d:yyyy-MM-dd}");
            Assert.Equal(!weekend, Shipped.Calendar.IsWorkingDay(d));
            checkedDays++;
        }

        Assert.Equal(new DateOnly(year, 12, 31).DayOfYear - holidays.Count - working.Count, checkedDays);
    }

    [Fact]
    public void CAL1_shipped_tables_cover_2024_to_2026_and_name_their_notice()
    {
        Assert.Equal([2024, 2025, 2026], Shipped.Calendar.Years.Keys.Order());
        Assert.Contains("国办发明电〔2023〕7号", Shipped.Calendar.Years[2024].Source, StringComparison.Ordinal);
        Assert.Contains("国办发明电〔2024〕12号", Shipped.Calendar.Years[2025].Source, StringComparison.Ordinal);
        Assert.Contains("2026", Shipped.Calendar.Years[2026].Source, StringComparison.Ordinal);
        Assert.StartsWith("cal-", Shipped.Calendar.Version, StringComparison.Ordinal);
    }

    [Theory]
    // Weekdays in the year − weekday holidays + 调休 days: 2024: 262 − 19 + 8 = 251; 2025: 261 − 18 + 5 = 248; 2026: 261 − 19 + 6 = 248.
    [InlineData(2024, 251)]
    [InlineData(2025, 248)]
    [InlineData(2026, 248)]
    public void CAL1_working_days_per_year(int year, int workingDays)
    {
        var count = Shipped.Calendar.CountWorkingDays(new DateOnly(year - 1, 12, 31), new DateOnly(year, 12, 31));
        Assert.Equal(workingDays, count.Days);
        Assert.False(count.IsProvisional);
    }
}
