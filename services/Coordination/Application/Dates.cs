using Ogi.BuildingBlocks.Calendar;

namespace Ogi.Coordination.Application;

/// <summary>Days as the contracts carry them, and today as an agency counts it (Asia/Shanghai).</summary>
public static class Dates
{
    public static Google.Type.Date ToProto(this DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };

    public static Google.Type.Date? ToProto(this DateOnly? day) => day?.ToProto();

    /// <summary>Null when the field is absent; INVALID_ARGUMENT naming <paramref name="field"/> when it is no real day.</summary>
    public static DateOnly? FromProto(Google.Type.Date? date, string field)
    {
        if (date is null)
        {
            return null;
        }

        try
        {
            return new DateOnly(date.Year, date.Month, date.Day);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new BuildingBlocks.Domain.InvalidInputException(field, "不是有效的日期");
        }
    }

    public static DateOnly Today(this TimeProvider time) =>
        DateOnly.FromDateTime(time.GetUtcNow().ToOffset(WorkingDayCalendar.ChinaOffset).DateTime);
}
