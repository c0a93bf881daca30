using System.Globalization;
using System.Text;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;
using Ogi.Intake.Domain;

namespace Ogi.Intake.Persistence;

/// <summary>INT-12: what a staff list or search narrows an agency's applications by; every part optional.</summary>
public sealed record ApplicationFilter(
    ApplicationStatus? Status = null,
    string? TrackingNumberPrefix = null,
    DateOnly? ReceivedFrom = null,
    DateOnly? ReceivedTo = null,
    DateOnly? DeadlineBy = null);

/// <summary>Keyset paging: the last row's (submitted_on, id), opaque to callers.</summary>
internal static class PageToken
{
    public static string Write(DateOnly day, Guid id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd}|{id:N}")));

    public static (DateOnly Day, Guid Id) Read(string token)
    {
        try
        {
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(token)).Split('|');
            return (DateOnly.ParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), Guid.ParseExact(parts[1], "N"));
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException)
        {
            throw new InvalidInputException("page_token", "分页标记无效");
        }
    }
}

/// <summary>Legal dates are Asia/Shanghai dates (CAL-2), whatever the server's time zone.</summary>
public static class LegalDay
{
    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(WorkingDayCalendar.ChinaOffset).DateTime);

    public static DateOnly Today(TimeProvider clock) => Of(clock.GetUtcNow());
}
