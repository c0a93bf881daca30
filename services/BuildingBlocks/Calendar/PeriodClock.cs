namespace Ogi.BuildingBlocks.Calendar;

/// <summary>Whether a period counts working days (CAL-1) or every calendar day (e.g. AC-3's 15 days).</summary>
public enum PeriodUnit
{
    WorkingDays,
    CalendarDays,
}

/// <summary>
/// CAL-4: a clock stop (中止计算). Stopped on day <see cref="Stopped"/>, resumed (answer received, fee paid…)
/// on day <see cref="Resumed"/>, or still open when that is null. Reason is free text shown in the explanation;
/// keep personal data out of it.
/// </summary>
public sealed record ClockStop(DateOnly Stopped, DateOnly? Resumed, string Reason)
{
    public bool IsOpen => Resumed is null;

    /// <summary>
    /// The days this stop excludes: S &lt; d ≤ R. Day S was already running when the clock stopped, and
    /// counting restarts the day after R, just as CAL-2 does not count the day of the triggering event.
    /// An open stop excludes every day after S.
    /// </summary>
    public bool Excludes(DateOnly day) => day > Stopped && (Resumed is null || day <= Resumed);
}

/// <summary>The outcome of a period: its deadline (or that it is paused), and everything needed to explain it.</summary>
public sealed record PeriodResult
{
    /// <summary>Day D of "within N days from D" (not counted).</summary>
    public required DateOnly Start { get; init; }

    /// <summary>N.</summary>
    public required int Length { get; init; }

    public required PeriodUnit Unit { get; init; }

    /// <summary>Day N, or null while an open stop pauses the clock.</summary>
    public required DateOnly? DeadlineDate { get; init; }

    /// <summary>23:59:59 +08:00 of <see cref="DeadlineDate"/>, or null while paused.</summary>
    public required DateTimeOffset? DeadlineInstant { get; init; }

    /// <summary>True when an open stop holds the clock (deadline unknown until it is resumed).</summary>
    public bool IsPaused => DeadlineDate is null;

    /// <summary>Days counted: N when the deadline is known, else the days used before the open stop.</summary>
    public required int DaysUsed { get; init; }

    /// <summary>The day counted as day 1, if any day was counted.</summary>
    public required DateOnly? FirstDay { get; init; }

    /// <summary>CAL-3: some counted day fell in a year with no holiday table, so Monday–Friday was assumed.</summary>
    public bool IsProvisional => MissingYears.Count > 0;

    public required IReadOnlyList<int> MissingYears { get; init; }

    public required string CalendarVersion { get; init; }

    /// <summary>CAL-5 profile the length came from; null for plain calendar arithmetic.</summary>
    public required string? ProfileName { get; init; }

    /// <summary>Lines in Chinese a clerk can read: day 1, 调休 days, holidays skipped, stops, day N, the deadline.</summary>
    public required IReadOnlyList<string> Explanation { get; init; }

    public string ExplanationText => string.Join('\n', Explanation);
}

/// <summary>
/// A running period (CAL-2, CAL-4): start day D, N days, the profile it came from and its clock stops.
/// Day 1 is the first counted day after D that no stop excludes; the deadline is the end of day N.
/// Each stop moves the deadline by exactly the counted days it excludes before the deadline is reached.
/// A stop that begins on or after the deadline day changes nothing (the period had run out).
/// </summary>
public sealed class PeriodClock
{
    /// <summary>Longest period accepted; the longest real one is a few months.</summary>
    public const int MaxLength = 3650;

    private readonly WorkingDayCalendar _calendar;
    private readonly IReadOnlyList<ClockStop> _stops;

    public PeriodClock(WorkingDayCalendar calendar, DateOnly start, int length, PeriodUnit unit = PeriodUnit.WorkingDays,
        string? profileName = null, IEnumerable<ClockStop>? stops = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxLength);
        _calendar = calendar;
        _stops = ValidateStops(start, stops?.ToList() ?? []);
        Start = start;
        Length = length;
        Unit = unit;
        ProfileName = profileName;
        Result = Compute();
        if (Result.IsProvisional)
        {
            CalendarTelemetry.RecordProvisional(calendar.Logger, Result.MissingYears, calendar.Version);
        }
    }

    public DateOnly Start { get; }

    public int Length { get; }

    public PeriodUnit Unit { get; }

    public string? ProfileName { get; }

    public IReadOnlyList<ClockStop> Stops => _stops;

    public PeriodResult Result { get; }

    /// <summary>Days counted from day 1 through <paramref name="day"/> (inclusive), stopped days excluded, capped at N.</summary>
    public int DaysUsedOn(DateOnly day)
    {
        var used = 0;
        for (var d = Start.AddDays(1); d <= day && used < Length; d = d.AddDays(1))
        {
            if (Counts(d) && !_stops.Any(s => s.Excludes(d)))
            {
                used++;
            }
        }

        return used;
    }

    /// <summary>
    /// Days left after <paramref name="day"/>: N − days used through that day (0 on the deadline day). Past the
    /// deadline it is negative: minus the counted days since the deadline.
    /// </summary>
    public int DaysLeftOn(DateOnly day)
    {
        if (Result.DeadlineDate is { } deadline && day > deadline)
        {
            var overdue = 0;
            for (var d = deadline.AddDays(1); d <= day; d = d.AddDays(1))
            {
                overdue += Counts(d) ? 1 : 0;
            }

            return -overdue;
        }

        return Length - DaysUsedOn(day);
    }

    private bool Counts(DateOnly day) => Unit == PeriodUnit.CalendarDays || _calendar.IsWorkingDay(day);

    private static List<ClockStop> ValidateStops(DateOnly start, List<ClockStop> stops)
    {
        foreach (var stop in stops)
        {
            if (stop.Stopped < start)
            {
                throw new ArgumentException($"CAL-4: a clock stop on {stop.Stopped:yyyy-MM-dd} is before the period's start {start:yyyy-MM-dd}", nameof(stops));
            }

            if (stop.Resumed is { } resumed && resumed < stop.Stopped)
            {
                throw new ArgumentException($"CAL-4: a clock stop resumed on {resumed:yyyy-MM-dd} before it stopped on {stop.Stopped:yyyy-MM-dd}", nameof(stops));
            }
        }

        var open = stops.Where(s => s.IsOpen).ToList();
        if (open.Count > 1)
        {
            throw new ArgumentException("CAL-4: at most one clock stop can be open (not yet resumed)", nameof(stops));
        }

        if (open.Count == 1 && stops.Any(s => s.Stopped > open[0].Stopped))
        {
            throw new ArgumentException("CAL-4: no clock stop can begin after the open one", nameof(stops));
        }

        return stops.OrderBy(s => s.Stopped).ToList();
    }

    private PeriodResult Compute()
    {
        var working = Unit == PeriodUnit.WorkingDays;
        var lines = new List<string>
        {
            $"起算日：{ChineseText.Day(Start)}，当日不计入，自次日起计算{Length}个{(working ? "工作日" : "日（自然日）")}。",
        };
        var missing = new SortedSet<int>();
        var excluded = new int[_stops.Count];
        var holidaysPassed = new Dictionary<HolidayRange, int>();
        var used = 0;
        DateOnly? firstDay = null;
        DateOnly? deadline = Length == 0 ? Start : null;
        var open = _stops.FirstOrDefault(s => s.IsOpen);

        for (var d = Start.AddDays(1); used < Length; d = d.AddDays(1))
        {
            if (open is not null && open.Excludes(d))
            {
                break; // paused: nothing after the open stop can be counted yet
            }

            if (working && !_calendar.HasYear(d.Year))
            {
                missing.Add(d.Year);
            }

            var kind = _calendar.Classify(d);
            var counts = !working || kind is DayKind.Weekday or DayKind.WorkingWeekendDay;
            var stopIndex = FirstStopExcluding(d);
            if (working && kind == DayKind.Holiday && _calendar.HolidayOn(d) is { } holiday)
            {
                holidaysPassed.TryGetValue(holiday, out var weekdays);
                holidaysPassed[holiday] = weekdays + (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 1);
            }

            if (stopIndex >= 0)
            {
                excluded[stopIndex] += counts ? 1 : 0;
                continue;
            }

            if (!counts)
            {
                continue;
            }

            used++;
            if (used == 1)
            {
                firstDay = d;
                lines.Add($"第1个{(working ? "工作日" : "日")}：{ChineseText.Day(d)}。");
            }

            if (kind == DayKind.WorkingWeekendDay)
            {
                lines.Add($"调休上班：{ChineseText.Day(d)}为调休工作日，计为第{used}个工作日。");
            }

            if (used == Length)
            {
                deadline = d;
            }
        }

        foreach (var (holiday, weekdays) in holidaysPassed)
        {
            lines.Add($"跳过节假日：{holiday.Name}假期{ChineseText.Range(holiday.First, holiday.Last)}，" +
                      $"共{holiday.Last.DayNumber - holiday.First.DayNumber + 1}天不计，其中{weekdays}天为原本的周一至周五。");
        }

        for (var i = 0; i < _stops.Count; i++)
        {
            var stop = _stops[i];
            var unitName = working ? "工作日" : "日";
            if (stop.IsOpen)
            {
                lines.Add(deadline is null
                    ? $"中止（{stop.Reason}）：自{ChineseText.Day(stop.Stopped)}后中止计算，尚未恢复，期限暂停；中止前已用{used}个{unitName}，剩余{Length - used}个{unitName}。"
                    : $"中止（{stop.Reason}）：{ChineseText.Day(stop.Stopped)}中止时期限已届满，不影响期限。");
            }
            else if (deadline is { } end && stop.Stopped >= end)
            {
                lines.Add($"中止（{stop.Reason}）：{ChineseText.Day(stop.Stopped)}中止时期限已届满，不影响期限。");
            }
            else
            {
                lines.Add($"中止（{stop.Reason}）：{ChineseText.Day(stop.Stopped)}中止，{ChineseText.Day(stop.Resumed!.Value)}恢复，" +
                          $"{ChineseText.Range(stop.Stopped.AddDays(1), stop.Resumed.Value)}期间{excluded[i]}个{unitName}不计入，期限相应顺延{excluded[i]}个{unitName}。");
            }
        }

        DateTimeOffset? instant = deadline is { } day ? WorkingDayCalendar.EndOfDay(day) : null;
        if (deadline is { } last && instant is { } at)
        {
            lines.Add(Length == 0
                ? $"期限届满：{ChineseText.Instant(at)}。"
                : $"第{Length}个{(working ? "工作日" : "日")}：{ChineseText.Day(last)}，期限届满时间：{ChineseText.Instant(at)}。");
        }

        if (missing.Count > 0)
        {
            lines.Add($"临时结果：尚未载入{string.Join("、", missing.Select(y => $"{y}年"))}的节假日安排，该年按周一至周五计算，待国务院办公厅通知发布并载入后须重新计算。");
        }

        lines.Add($"依据：日历版本{_calendar.Version}" + (ProfileName is null ? "。" : $"，政策配置{ProfileName}。"));

        return new PeriodResult
        {
            Start = Start,
            Length = Length,
            Unit = Unit,
            DeadlineDate = deadline,
            DeadlineInstant = instant,
            DaysUsed = used,
            FirstDay = firstDay,
            MissingYears = missing.ToList(),
            CalendarVersion = _calendar.Version,
            ProfileName = ProfileName,
            Explanation = lines,
        };
    }

    private int FirstStopExcluding(DateOnly day)
    {
        for (var i = 0; i < _stops.Count; i++)
        {
            if (_stops[i].Excludes(day))
            {
                return i;
            }
        }

        return -1;
    }
}
