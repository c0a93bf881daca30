using Ogi.BuildingBlocks.Calendar;

namespace Ogi.Calendar.Tests;

/// <summary>The calendar as shipped (2024–2026, no operator folder), shared by tests that only read it.</summary>
internal static class Shipped
{
    public static WorkingDayCalendar Calendar { get; } = new CalendarLoader().Current;

    public static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
