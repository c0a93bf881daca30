using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Ogi.BuildingBlocks.Calendar;

/// <summary>What a reload did: the version before and after, and whether it changed (then open deadlines need recomputing).</summary>
public sealed record CalendarReload(bool Changed, string PreviousVersion, string Version);

/// <summary>
/// CAL-1: loads the year tables shipped in this assembly (Data/*.json) and then the operator's folder, whose files
/// add years or replace shipped ones, and keeps the current <see cref="WorkingDayCalendar"/> snapshot.
/// <see cref="Reload"/> re-reads the folder; a bad file throws and leaves the current calendar in place.
/// </summary>
public sealed class CalendarLoader
{
    private const string ResourcePrefix = "Ogi.Calendar.Data.";
    private readonly string? _directory;
    private readonly ILogger? _logger;
    private readonly Lock _reloadLock = new();
    private volatile WorkingDayCalendar _current;

    public CalendarLoader(string? directory = null, ILogger? logger = null)
    {
        _directory = directory;
        _logger = logger;
        _current = LoadCalendar();
        LogLoaded(_current);
    }

    public WorkingDayCalendar Current => _current;

    /// <summary>The tables shipped in the assembly, validated like operator files.</summary>
    public static IReadOnlyList<HolidayYear> ShippedYears()
    {
        var assembly = typeof(CalendarLoader).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => HolidayYearReader.Read(n[ResourcePrefix.Length..], ReadResource(assembly, n), "embedded"))
            .ToList();
    }

    public CalendarReload Reload()
    {
        lock (_reloadLock)
        {
            var previous = _current;
            var next = LoadCalendar();
            _current = next;
            // Monitors reload every few seconds: only a changed calendar is worth a log line.
            if (previous.Version != next.Version)
            {
                LogLoaded(next);
            }

            return new CalendarReload(previous.Version != next.Version, previous.Version, next.Version);
        }
    }

    private void LogLoaded(WorkingDayCalendar calendar)
    {
        if (_logger is not null)
        {
            CalendarTelemetry.LogLoaded(_logger, calendar.Version, string.Join(",", calendar.Years.Keys.Order()));
        }
    }

    private WorkingDayCalendar LoadCalendar()
    {
        var years = ShippedYears().ToDictionary(y => y.Year);
        if (_directory is not null)
        {
            if (!Directory.Exists(_directory))
            {
                throw new CalendarDataException($"calendar directory {_directory} does not exist (Calendar:Directory)");
            }

            // Top level only: a mounted ConfigMap keeps its real files in ..data and links them here.
            foreach (var path in Directory.EnumerateFiles(_directory, "*.json").Order(StringComparer.Ordinal))
            {
                var year = HolidayYearReader.Read(Path.GetFileName(path), File.ReadAllText(path), path);
                years[year.Year] = year;
            }
        }

        return new WorkingDayCalendar(years.Values, _logger);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
