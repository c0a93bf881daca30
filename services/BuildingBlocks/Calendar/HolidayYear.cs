namespace Ogi.BuildingBlocks.Calendar;

/// <summary>A run of consecutive days off from the State Council notice (both ends included, weekends inside too).</summary>
public sealed record HolidayRange(string Name, DateOnly First, DateOnly Last)
{
    public bool Contains(DateOnly day) => day >= First && day <= Last;
}

/// <summary>
/// CAL-1: one year's table from 国务院办公厅关于××年部分节假日安排的通知: the days off and the
/// weekend days declared working days (调休上班). Everything else follows Monday–Friday.
/// </summary>
public sealed record HolidayYear(int Year, string Source, IReadOnlyList<HolidayRange> Holidays, IReadOnlyList<DateOnly> WorkingWeekendDays)
{
    /// <summary>Where this table came from: "embedded" or the operator's file path.</summary>
    public string Origin { get; init; } = "embedded";

    public HolidayRange? HolidayOn(DateOnly day) => Holidays.FirstOrDefault(h => h.Contains(day));

    public bool IsWorkingWeekendDay(DateOnly day) => WorkingWeekendDays.Contains(day);
}
