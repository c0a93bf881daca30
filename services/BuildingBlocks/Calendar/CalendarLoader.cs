using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Ogi.BuildingBlocks.Calendar;

/// <summary>What a reload did: the version before and after, and whether it changed (then open deadlines need recomputing).</summary>
public sealed record CalendarReload(bool Changed, string PreviousVersion, string Version);

/// <summary>
/// CAL-1: loads the year tables shipped in this assembly (Data/*.json) and then the operator's folder, whose files
/// add years or replace shipped ones, and keeps the current <see cref="WorkingDayCalendar"/> snapshot.
/// <see cref="Reload"/> re-reads the folder; a bad file throws and leaves the current calendar in place.
/// Monitors reload every few seconds, so the shipped tables are parsed once per process and the calendar is rebuilt
/// only when the folder's text differs from the last load (an idle service otherwise allocated a calendar a pass).
/// </summary>
public sealed class CalendarLoader
{
    private const string ResourcePrefix = "Ogi.Calendar.Data.";
    private readonly string? _directory;
    private readonly ILogger? _logger;
    private readonly Lock _reloadLock = new();
    private static readonly Lazy<IReadOnlyList<HolidayYear>> Shipped = new(ReadShippedYears);
    private volatile WorkingDayCalendar _current;
    private Dictionary<string, string> _loadedFiles = [];

    public CalendarLoader(string? directory = null, ILogger? logger = null)
    {
        _directory = directory;
        _logger = logger;
        _current = LoadCalendar(ReadFolder());
        LogLoaded(_current);
    }

    public WorkingDayCalendar Current => _current;

    /// <summary>The tables shipped in the assembly, validated like operator files.</summary>
    public static IReadOnlyList<HolidayYear> ShippedYears() => Shipped.Value;

    private static List<HolidayYear> ReadShippedYears()
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
            var files = ReadFolder();
            if (SameFiles(files, _loadedFiles))
            {
                return new CalendarReload(false, previous.Version, previous.Version);
            }

            var next = LoadCalendar(files);
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

    /// <summary>Builds the calendar from the shipped years and the folder's files; remembers the files only once they parsed.</summary>
    private WorkingDayCalendar LoadCalendar(Dictionary<string, string> files)
    {
        var years = ShippedYears().ToDictionary(y => y.Year);
        foreach (var (path, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var year = HolidayYearReader.Read(Path.GetFileName(path), text, path);
            years[year.Year] = year;
        }

        var calendar = new WorkingDayCalendar(years.Values, _logger);
        _loadedFiles = files;
        return calendar;
    }

    /// <summary>The operator folder's files, path → text (none without a folder).</summary>
    private Dictionary<string, string> ReadFolder()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_directory is null)
        {
            return files;
        }

        if (!Directory.Exists(_directory))
        {
            throw new CalendarDataException($"calendar directory {_directory} does not exist (Calendar:Directory)");
        }

        // Top level only: a mounted ConfigMap keeps its real files in ..data and links them here.
        foreach (var path in Directory.EnumerateFiles(_directory, "*.json"))
        {
            files[path] = File.ReadAllText(path);
        }

        return files;
    }

    private static bool SameFiles(Dictionary<string, string> files, Dictionary<string, string> loaded) =>
        files.Count == loaded.Count && files.All(f => loaded.TryGetValue(f.Key, out var text) && string.Equals(text, f.Value, StringComparison.Ordinal));

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
