using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Ogi.Contracts.Intake.V1;
using static Ogi.Intake.Tests.Functional.Dates;

namespace Ogi.Intake.Tests.Functional;

/// <summary>
/// The monitor as it runs in production: its own loop on a short interval, the test moving only the date; and the
/// calendar reload that recomputes open deadlines when an operator adds a year's table (CAL-1).
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class DeadlineMonitorTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly string _calendarDirectory = Directory.CreateTempSubdirectory("ogi-intake-calendar-").FullName;
    private IntakeHostUnderTest _host = null!;

    public async Task InitializeAsync() =>
        _host = await IntakeHostUnderTest.StartAsync(postgres, D(2026, 12, 21),
            "--Intake:Monitor:IntervalSeconds=0.2", "--Intake:Monitor:WarningWorkingDays=5", $"--Calendar:Directory={_calendarDirectory}");

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_calendarDirectory, recursive: true);
    }

    [Fact]
    public async Task INT10_the_monitor_loop_warns_in_the_configured_window_and_reports_the_breach_once()
    {
        _host.Clock.SetDate(D(2026, 11, 2));
        var application = await _host.ReceivedTodayAsync(); // 20 working days: 2026-11-30
        Assert.Equal(D(2026, 11, 30), application.Deadline.Deadline.ToDateOnly());

        _host.Clock.SetDate(D(2026, 11, 23)); // five working days left: inside the configured window of 5
        var warning = await _host.Service.Events.WaitForAsync<DeadlineApproaching>(e => e.ApplicationId == application.ApplicationId, Topics.Intake);
        Assert.Equal(5, warning.WorkingDaysLeft);

        _host.Clock.SetDate(D(2026, 12, 1));
        await _host.Service.Events.WaitForAsync<DeadlineBreached>(e => e.ApplicationId == application.ApplicationId, Topics.Intake);
        await Task.Delay(1000); // several more passes of the loop
        Assert.Single(_host.Service.Events.All<DeadlineBreached>(), e => e.ApplicationId == application.ApplicationId);
    }

    [Fact]
    public async Task CAL1_a_new_year_table_recomputes_open_deadlines_and_clears_the_provisional_flag()
    {
        _host.Clock.SetDate(D(2026, 12, 21));
        var application = await _host.ReceivedTodayAsync();
        // 2027 has no table yet: its days count as plain weekdays and the deadline is provisional.
        Assert.True(application.Deadline.Provisional);
        Assert.Contains(2027, application.Deadline.MissingYears);
        var provisional = application.Deadline.Deadline.ToDateOnly();
        var version = application.Deadline.CalendarVersion;

        // The operator adds 2027 with a (test) holiday week that falls inside the period.
        await File.WriteAllTextAsync(Path.Combine(_calendarDirectory, "2027.json"), """
            { "year": 2027, "source": "测试用节假日安排", "holidays": [ { "name": "元旦", "days": "2027-01-01/2027-01-08" } ], "workingWeekendDays": [] }
            """);
        await _host.Service.Services.GetRequiredService<Monitoring.DeadlineMonitor>().ReloadCalendarAsync();

        var recomputed = await _host.GetAsync(application.ApplicationId);
        Assert.False(recomputed.Deadline.Provisional);
        Assert.NotEqual(version, recomputed.Deadline.CalendarVersion);
        // 01-01 and 01-04..01-08 (six weekdays) are now holidays: the deadline moves six working days later.
        Assert.Equal(6, CountWeekdays(provisional, recomputed.Deadline.Deadline.ToDateOnly()));

        // The stored column the monitor and the searches use moved too (the loop may be the one recomputing it).
        await using var connection = new NpgsqlConnection(_host.Service.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT deadline FROM intake.applications WHERE id = $1", connection) { Parameters = { new() { Value = Guid.Parse(application.ApplicationId) } } };
        var stored = provisional;
        for (var attempt = 0; attempt < 50 && stored != recomputed.Deadline.Deadline.ToDateOnly(); attempt++)
        {
            await Task.Delay(100);
            stored = (DateOnly)(await query.ExecuteScalarAsync())!;
        }

        Assert.Equal(recomputed.Deadline.Deadline.ToDateOnly(), stored);
    }

    private static int CountWeekdays(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            count += day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 1;
        }

        return count;
    }
}
