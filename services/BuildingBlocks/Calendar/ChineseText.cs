namespace Ogi.BuildingBlocks.Calendar;

/// <summary>How dates and instants read to a clerk in explanations.</summary>
internal static class ChineseText
{
    private static readonly string[] WeekdayNames = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    public static string Day(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日（{WeekdayNames[(int)day.DayOfWeek]}）";

    public static string Range(DateOnly first, DateOnly last) =>
        first == last ? $"{first.Year}年{first.Month}月{first.Day}日" : $"{first.Year}年{first.Month}月{first.Day}日至{last.Year}年{last.Month}月{last.Day}日";

    public static string Instant(DateTimeOffset instant) =>
        $"{instant.Year}年{instant.Month}月{instant.Day}日{instant:HH:mm:ss}（北京时间）";
}
