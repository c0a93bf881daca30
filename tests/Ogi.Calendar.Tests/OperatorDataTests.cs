using Microsoft.Extensions.Configuration;
using Ogi.BuildingBlocks.Calendar;
using static Ogi.Calendar.Tests.Shipped;

namespace Ogi.Calendar.Tests;

/// <summary>CAL-1: operators add or replace years from a folder (a ConfigMap) without a rebuild, and can reload.</summary>
public sealed class OperatorDataTests : IDisposable
{
    // A made-up 2027 table for the test (the real notice is not out); only its shape matters here.
    private const string Year2027 = """
        {
          "year": 2027,
          "source": "测试用：2027年安排（假设）",
          "holidays": [ { "name": "元旦", "days": "2027-01-01/2027-01-03" }, { "name": "春节", "days": "2027-02-06/2027-02-14" } ],
          "workingWeekendDays": [ "2027-02-20" ]
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("ogi-calendar-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void CAL1_a_2027_file_makes_2027_non_provisional_and_changes_the_version()
    {
        var loader = new CalendarLoader(_folder);
        Assert.Equal(Shipped.Calendar.Version, loader.Current.Version);
        Assert.False(loader.Current.HasYear(2027));

        File.WriteAllText(Path.Combine(_folder, "2027.json"), Year2027);
        var reload = loader.Reload();

        Assert.True(reload.Changed);
        Assert.Equal(Shipped.Calendar.Version, reload.PreviousVersion);
        Assert.NotEqual(reload.PreviousVersion, reload.Version);
        Assert.Equal(reload.Version, loader.Current.Version);
        Assert.True(loader.Current.HasYear(2027));

        // Receipt Mon 2026-12-21, 10 working days: Dec 22–25 = 1..4, Dec 28–31 = 5..8, Jan 1–3 元旦 off, Mon Jan 4 = 9, Tue Jan 5 = 10.
        var result = loader.Current.AddWorkingDays(Day("2026-12-21"), 10);
        Assert.Equal(Day("2027-01-05"), result.DeadlineDate);
        Assert.False(result.IsProvisional);
        Assert.Equal(loader.Current.Version, result.CalendarVersion);
        Assert.Equal(DayKind.WorkingWeekendDay, loader.Current.Classify(Day("2027-02-20")));

        // Nothing changed on disk: a reload says so.
        Assert.False(loader.Reload().Changed);
    }

    [Fact]
    public void CAL1_an_operator_file_replaces_a_shipped_year()
    {
        // Say the 2026 notice were corrected: Oct 8 becomes a holiday too.
        File.WriteAllText(Path.Combine(_folder, "2026.json"), """
            { "year": 2026, "source": "更正后的通知（测试）",
              "holidays": [ { "name": "国庆节", "days": "2026-10-01/2026-10-08" } ], "workingWeekendDays": [] }
            """);
        var calendar = new CalendarLoader(_folder).Current;
        Assert.Equal(DayKind.Holiday, calendar.Classify(Day("2026-10-08")));
        Assert.Equal(DayKind.Weekday, calendar.Classify(Day("2026-02-16"))); // the shipped 春节 is gone with the replaced table
        Assert.NotEqual(Shipped.Calendar.Version, calendar.Version);
        Assert.Equal(Shipped.Calendar.Years[2025].Holidays, calendar.Years[2025].Holidays);
    }

    [Fact]
    public void CAL1_reformatting_a_file_keeps_the_version()
    {
        File.WriteAllText(Path.Combine(_folder, "2027.json"), Year2027);
        var first = new CalendarLoader(_folder).Current.Version;
        File.WriteAllText(Path.Combine(_folder, "2027.json"), Year2027.Replace("\n", "\n\n", StringComparison.Ordinal));
        Assert.Equal(first, new CalendarLoader(_folder).Current.Version);
    }

    [Theory]
    [InlineData("2027.json", """{ "year": 2027, "source": "s", "holidays": [], "workingWeekendDays": [ "2027-02-17" ] }""",
        "workingWeekendDays[0]: 2027-02-17 is a Wednesday; a working weekend day (调休上班) must be a Saturday or Sunday")]
    [InlineData("2027.json", """{ "year": 2027, "source": "s", "holidays": [ { "name": "元旦", "days": "2026-01-01" } ], "workingWeekendDays": [] }""",
        "holidays[0]: \"2026-01-01\" is not in the file's year 2027")]
    [InlineData("2027.json", """{ "year": 2028, "source": "s", "holidays": [], "workingWeekendDays": [] }""",
        "\"year\" is 2028 but the file name says 2027")]
    [InlineData("2027.json", """{ "year": 2027, "source": "s", "holidays": [ { "name": "春节", "days": "2027-02-14/2027-02-06" } ], "workingWeekendDays": [] }""",
        "holidays[0]: range \"2027-02-14/2027-02-06\" ends before it starts")]
    [InlineData("2027.json", """{ "year": 2027, "source": "s", "holidays": [ { "name": "春节", "days": "2027-2-6" } ], "workingWeekendDays": [] }""",
        "holidays[0]: \"2027-2-6\" is not a date YYYY-MM-DD")]
    [InlineData("2027.json", """{ "year": 2027, "source": "s", "holidays": [ { "name": "a", "days": "2027-02-06/2027-02-10" }, { "name": "b", "days": "2027-02-10" } ], "workingWeekendDays": [] }""",
        "holidays[1]: \"2027-02-10\" overlaps a")]
    [InlineData("2027.json", """{ "year": 2027, "source": "s", "holidays": [ { "name": "春节", "days": "2027-02-06/2027-02-14" } ], "workingWeekendDays": [ "2027-02-13" ] }""",
        "workingWeekendDays[0]: 2027-02-13 is inside the holiday 春节")]
    [InlineData("2027.json", """{ "year": 2027, "holidays": [], "workingWeekendDays": [] }""", "\"source\" must name the notice")]
    [InlineData("2027.json", """{ "year": 2027, "source": "s", "holiday": [], "workingWeekendDays": [] }""", "unknown property \"holiday\"")]
    [InlineData("2027.json", """{ "year": 2027, """, "not valid JSON")]
    [InlineData("holidays.json", """{ "year": 2027, "source": "s", "holidays": [], "workingWeekendDays": [] }""", "the file name must be the year")]
    public void CAL1_a_malformed_file_gives_a_clear_error_naming_file_and_entry(string fileName, string json, string expected)
    {
        var path = Path.Combine(_folder, fileName);
        File.WriteAllText(path, json);
        var error = Assert.Throws<CalendarDataException>(() => new CalendarLoader(_folder));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CAL1_a_reload_of_an_unchanged_folder_keeps_the_same_calendar_and_a_later_edit_is_still_seen()
    {
        File.WriteAllText(Path.Combine(_folder, "2027.json"), Year2027);
        var loader = new CalendarLoader(_folder);
        var before = loader.Current;

        // Monitors reload every pass: an unchanged folder must not rebuild (or re-parse) anything.
        Assert.False(loader.Reload().Changed);
        Assert.Same(before, loader.Current);

        File.WriteAllText(Path.Combine(_folder, "2027.json"), Year2027.Replace("2027-02-20", "2027-02-21", StringComparison.Ordinal));
        Assert.True(loader.Reload().Changed);
        Assert.Equal(DayKind.WorkingWeekendDay, loader.Current.Classify(Day("2027-02-21")));

        File.Delete(Path.Combine(_folder, "2027.json"));
        Assert.True(loader.Reload().Changed);
        Assert.False(loader.Current.HasYear(2027));
    }

    [Fact]
    public void CAL1_a_failed_reload_keeps_the_calendar_in_force()
    {
        File.WriteAllText(Path.Combine(_folder, "2027.json"), Year2027);
        var loader = new CalendarLoader(_folder);
        var before = loader.Current;
        File.WriteAllText(Path.Combine(_folder, "2027.json"), "{ broken");

        Assert.Throws<CalendarDataException>(loader.Reload);
        Assert.Same(before, loader.Current);
    }

    [Fact]
    public void CAL1_only_a_load_that_changes_the_calendar_is_logged()
    {
        var logger = new LinesLogger();
        var loader = new CalendarLoader(_folder, logger);
        loader.Reload();
        loader.Reload();
        Assert.Single(logger.Lines, l => l.StartsWith("Calendar loaded", StringComparison.Ordinal));

        File.WriteAllText(Path.Combine(_folder, "2027.json"), Year2027);
        loader.Reload();
        Assert.Equal(2, logger.Lines.Count(l => l.StartsWith("Calendar loaded", StringComparison.Ordinal)));
    }

    private sealed class LinesLogger : Microsoft.Extensions.Logging.ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }

    [Fact]
    public void CAL1_a_missing_folder_is_an_error()
    {
        var error = Assert.Throws<CalendarDataException>(() => new CalendarLoader(Path.Combine(_folder, "absent")));
        Assert.Contains("Calendar:Directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CAL1_the_folder_and_profile_file_come_from_OGI_environment_variables()
    {
        File.WriteAllText(Path.Combine(_folder, "2027.json"), Year2027);
        var profiles = Path.Combine(_folder, "profiles.json.txt");
        File.WriteAllText(profiles, """{ "default": "seed-001" }""");
        Environment.SetEnvironmentVariable("OGI_Calendar__Directory", _folder);
        Environment.SetEnvironmentVariable("OGI_Calendar__ProfilesPath", profiles);
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables("OGI_").Build();
            var options = CalendarOptions.FromConfiguration(configuration);
            Assert.Equal(_folder, options.Directory);

            var calculator = DeadlineCalculator.Create(options);
            Assert.True(calculator.Calendars.Current.HasYear(2027));
            Assert.Equal("seed-001", calculator.ProfileFor("ANY").Name);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OGI_Calendar__Directory", null);
            Environment.SetEnvironmentVariable("OGI_Calendar__ProfilesPath", null);
        }
    }
}
