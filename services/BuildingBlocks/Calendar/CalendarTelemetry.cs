using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Ogi.BuildingBlocks.Calendar;

/// <summary>The calendar's metrics (add <see cref="MeterName"/> to the OpenTelemetry meters) and log messages.</summary>
public static partial class CalendarTelemetry
{
    public const string MeterName = "Ogi.Calendar";

    /// <summary>CAL-3: one per computed result that fell back to Monday–Friday, tagged <c>year</c> per missing year.</summary>
    public const string ProvisionalResultsInstrument = "ogi.calendar.provisional_results";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> ProvisionalResults = Meter.CreateCounter<long>(
        ProvisionalResultsInstrument, "{result}", "Deadlines computed on plain weekdays because a year's holiday table is missing (CAL-3)");

    internal static void RecordProvisional(ILogger? logger, IReadOnlyList<int> missingYears, string calendarVersion)
    {
        foreach (var year in missingYears)
        {
            ProvisionalResults.Add(1, new KeyValuePair<string, object?>("year", year));
        }

        if (logger is not null)
        {
            LogProvisional(logger, string.Join(",", missingYears), calendarVersion);
        }
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning,
        Message = "CAL-3: no holiday table loaded for year(s) {MissingYears} (calendar {CalendarVersion}); result computed on Monday–Friday and marked provisional")]
    private static partial void LogProvisional(ILogger logger, string missingYears, string calendarVersion);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Information,
        Message = "Calendar loaded: version {CalendarVersion}, years {Years}")]
    internal static partial void LogLoaded(ILogger logger, string calendarVersion, string years);
}
