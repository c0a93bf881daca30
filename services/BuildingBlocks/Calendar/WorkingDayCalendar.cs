using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Ogi.BuildingBlocks.Calendar;

/// <summary>What a day is under CAL-1.</summary>
public enum DayKind
{
    /// <summary>工作日: Monday–Friday, not a holiday.</summary>
    Weekday,

    /// <summary>休息日: Saturday/Sunday, not declared a working day.</summary>
    Weekend,

    /// <summary>法定节假日 (including weekend days inside the holiday range).</summary>
    Holiday,

    /// <summary>调休上班: a Saturday/Sunday declared a working day.</summary>
    WorkingWeekendDay,
}

/// <summary>A count of working days, with the calendar version it used and whether it is provisional (CAL-3).</summary>
public sealed record WorkingDayCount(int Days, bool IsProvisional, IReadOnlyList<int> MissingYears, string CalendarVersion);

/// <summary>
/// An immutable snapshot of the loaded year tables (CAL-1) and the arithmetic on it (CAL-2, CAL-3).
/// A reload produces a new snapshot with a new <see cref="Version"/>; a computed result keeps the version it used.
/// </summary>
public sealed class WorkingDayCalendar
{
    /// <summary>China has kept UTC+08:00 all year since 1991, so Asia/Shanghai is this fixed offset for our dates.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private readonly Dictionary<int, HolidayYear> _years;

    public WorkingDayCalendar(IEnumerable<HolidayYear> years, ILogger? logger = null)
    {
        _years = years.ToDictionary(y => y.Year);
        Logger = logger;
        Version = ComputeVersion(_years.Values);
    }

    /// <summary>"cal-" + a short hash of every loaded table's content; changes whenever any table's data changes.</summary>
    public string Version { get; }

    public IReadOnlyDictionary<int, HolidayYear> Years => _years;

    internal ILogger? Logger { get; }

    public bool HasYear(int year) => _years.ContainsKey(year);

    /// <summary>CAL-1. A year without a table falls back to Monday–Friday; callers that compute results mark them provisional (CAL-3).</summary>
    public DayKind Classify(DateOnly day)
    {
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        if (_years.TryGetValue(day.Year, out var year))
        {
            if (year.HolidayOn(day) is not null)
            {
                return DayKind.Holiday;
            }

            if (weekend && year.IsWorkingWeekendDay(day))
            {
                return DayKind.WorkingWeekendDay;
            }
        }

        return weekend ? DayKind.Weekend : DayKind.Weekday;
    }

    public bool IsWorkingDay(DateOnly day) => Classify(day) is DayKind.Weekday or DayKind.WorkingWeekendDay;

    public HolidayRange? HolidayOn(DateOnly day) => _years.TryGetValue(day.Year, out var year) ? year.HolidayOn(day) : null;

    /// <summary>CAL-2: "within <paramref name="workingDays"/> working days from <paramref name="start"/>" — start not counted, deadline at the end of day N.</summary>
    public PeriodResult AddWorkingDays(DateOnly start, int workingDays) => new PeriodClock(this, start, workingDays).Result;

    /// <summary>
    /// CAL-2 convention: the working days d with <paramref name="from"/> &lt; d ≤ <paramref name="to"/>, so
    /// CountWorkingDays(D, AddWorkingDays(D, N).DeadlineDate) == N. When <paramref name="to"/> is before
    /// <paramref name="from"/> the count is negative (days overdue).
    /// </summary>
    public WorkingDayCount CountWorkingDays(DateOnly from, DateOnly to)
    {
        var (low, high, sign) = to >= from ? (from, to, 1) : (to, from, -1);
        var days = 0;
        var missing = new SortedSet<int>();
        for (var d = low.AddDays(1); d <= high; d = d.AddDays(1))
        {
            if (!HasYear(d.Year))
            {
                missing.Add(d.Year);
            }

            if (IsWorkingDay(d))
            {
                days++;
            }
        }

        var missingYears = missing.ToList();
        if (missingYears.Count > 0)
        {
            CalendarTelemetry.RecordProvisional(Logger, missingYears, Version);
        }

        return new WorkingDayCount(sign * days, missingYears.Count > 0, missingYears, Version);
    }

    /// <summary>Working days left after <paramref name="today"/> up to and including the deadline day (0 on the deadline day, negative when overdue).</summary>
    public WorkingDayCount WorkingDaysLeft(DateOnly today, DateOnly deadline) => CountWorkingDays(today, deadline);

    /// <summary>The end of a day as an instant: 23:59:59 Asia/Shanghai (CAL-2).</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) => new(day.ToDateTime(new TimeOnly(23, 59, 59)), ChinaOffset);

    private static string ComputeVersion(IEnumerable<HolidayYear> years)
    {
        // Hash the parsed content, not the file bytes, so reformatting a file does not look like a data change.
        var text = new StringBuilder();
        foreach (var year in years.OrderBy(y => y.Year))
        {
            text.Append(year.Year).Append('|').Append(year.Source).Append('|');
            foreach (var h in year.Holidays)
            {
                text.Append(h.Name).Append(':').Append(h.First.ToString("yyyy-MM-dd", null)).Append('/').Append(h.Last.ToString("yyyy-MM-dd", null)).Append(';');
            }

            text.Append('|');
            foreach (var w in year.WorkingWeekendDays)
            {
                text.Append(w.ToString("yyyy-MM-dd", null)).Append(';');
            }

            text.Append('\n');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return "cal-" + Convert.ToHexStringLower(hash)[..12];
    }
}
