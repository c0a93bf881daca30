using System.Globalization;
using System.Text.Json;

namespace Ogi.BuildingBlocks.Calendar;

/// <summary>
/// Reads and strictly validates one year file (CAL-1). Format:
/// <code>
/// { "year": 2026, "source": "国务院办公厅关于2026年部分节假日安排的通知…",
///   "holidays": [ { "name": "春节", "days": "2026-02-15/2026-02-23" }, { "name": "元旦", "days": "2026-01-01" } ],
///   "workingWeekendDays": [ "2026-02-14" ] }
/// </code>
/// Any error names the file and the entry, so an operator can fix a ConfigMap without reading code.
/// </summary>
public static class HolidayYearReader
{
    private static readonly string[] Properties = ["year", "source", "holidays", "workingWeekendDays"];

    /// <param name="fileName">The file's name (e.g. "2027.json"); its stem must be the year.</param>
    /// <param name="origin">Where it came from, used in messages ("embedded" or a path).</param>
    public static HolidayYear Read(string fileName, string json, string origin)
    {
        var where = origin == "embedded" ? $"embedded calendar file {fileName}" : $"calendar file {origin}";
        if (!int.TryParse(Path.GetFileNameWithoutExtension(fileName), NumberStyles.None, CultureInfo.InvariantCulture, out var fileYear))
        {
            throw new CalendarDataException($"{where}: the file name must be the year, like 2027.json");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new CalendarDataException($"{where}: not valid JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CalendarDataException($"{where}: the top level must be an object");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!Properties.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw new CalendarDataException($"{where}: unknown property \"{property.Name}\" (expected {string.Join(", ", Properties)})");
                }
            }

            if (!root.TryGetProperty("year", out var yearElement) || !yearElement.TryGetInt32(out var year))
            {
                throw new CalendarDataException($"{where}: \"year\" must be a number");
            }

            if (year != fileYear)
            {
                throw new CalendarDataException($"{where}: \"year\" is {year} but the file name says {fileYear}");
            }

            var source = root.TryGetProperty("source", out var sourceElement) && sourceElement.ValueKind == JsonValueKind.String
                ? sourceElement.GetString()!.Trim() : "";
            if (source.Length == 0)
            {
                throw new CalendarDataException($"{where}: \"source\" must name the notice the table comes from");
            }

            var holidays = ReadHolidays(root, year, where);
            var workingDays = ReadWorkingWeekendDays(root, year, where, holidays);
            return new HolidayYear(year, source, holidays, workingDays) { Origin = origin };
        }
    }

    private static List<HolidayRange> ReadHolidays(JsonElement root, int year, string where)
    {
        if (!root.TryGetProperty("holidays", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new CalendarDataException($"{where}: \"holidays\" must be an array");
        }

        var holidays = new List<HolidayRange>();
        var index = 0;
        foreach (var entry in array.EnumerateArray())
        {
            var at = $"{where}: holidays[{index}]";
            if (entry.ValueKind != JsonValueKind.Object
                || !entry.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetString())
                || !entry.TryGetProperty("days", out var days) || days.ValueKind != JsonValueKind.String
                || entry.EnumerateObject().Count() != 2)
            {
                throw new CalendarDataException($"{at}: must be {{ \"name\": \"春节\", \"days\": \"YYYY-MM-DD\" or \"YYYY-MM-DD/YYYY-MM-DD\" }}");
            }

            var text = days.GetString()!;
            var parts = text.Split('/');
            if (parts.Length > 2)
            {
                throw new CalendarDataException($"{at}: \"{text}\" is not a day or a range \"first/last\"");
            }

            var first = ParseDay(parts[0], at);
            var last = parts.Length == 2 ? ParseDay(parts[1], at) : first;
            if (last < first)
            {
                throw new CalendarDataException($"{at}: range \"{text}\" ends before it starts");
            }

            if (first.Year != year || last.Year != year)
            {
                throw new CalendarDataException($"{at}: \"{text}\" is not in the file's year {year}");
            }

            var clash = holidays.FirstOrDefault(h => first <= h.Last && last >= h.First);
            if (clash is not null)
            {
                throw new CalendarDataException($"{at}: \"{text}\" overlaps {clash.Name} {clash.First:yyyy-MM-dd}/{clash.Last:yyyy-MM-dd}");
            }

            holidays.Add(new HolidayRange(name.GetString()!.Trim(), first, last));
            index++;
        }

        holidays.Sort((a, b) => a.First.CompareTo(b.First));
        return holidays;
    }

    private static List<DateOnly> ReadWorkingWeekendDays(JsonElement root, int year, string where, List<HolidayRange> holidays)
    {
        if (!root.TryGetProperty("workingWeekendDays", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new CalendarDataException($"{where}: \"workingWeekendDays\" must be an array of \"YYYY-MM-DD\"");
        }

        var days = new List<DateOnly>();
        var index = 0;
        foreach (var entry in array.EnumerateArray())
        {
            var at = $"{where}: workingWeekendDays[{index}]";
            if (entry.ValueKind != JsonValueKind.String)
            {
                throw new CalendarDataException($"{at}: must be a date \"YYYY-MM-DD\"");
            }

            var day = ParseDay(entry.GetString()!, at);
            if (day.Year != year)
            {
                throw new CalendarDataException($"{at}: {day:yyyy-MM-dd} is not in the file's year {year}");
            }

            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                throw new CalendarDataException($"{at}: {day:yyyy-MM-dd} is a {day.DayOfWeek}; a working weekend day (调休上班) must be a Saturday or Sunday");
            }

            if (holidays.FirstOrDefault(h => h.Contains(day)) is { } holiday)
            {
                throw new CalendarDataException($"{at}: {day:yyyy-MM-dd} is inside the holiday {holiday.Name}");
            }

            if (days.Contains(day))
            {
                throw new CalendarDataException($"{at}: {day:yyyy-MM-dd} is listed twice");
            }

            days.Add(day);
            index++;
        }

        days.Sort();
        return days;
    }

    private static DateOnly ParseDay(string text, string at) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new CalendarDataException($"{at}: \"{text}\" is not a date YYYY-MM-DD");
}
