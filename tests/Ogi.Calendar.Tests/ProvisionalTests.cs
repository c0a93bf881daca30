using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Ogi.BuildingBlocks.Calendar;
using static Ogi.Calendar.Tests.Shipped;

namespace Ogi.Calendar.Tests;

/// <summary>CAL-3: a year without a table is computed on Monday–Friday but said to be provisional, loudly.</summary>
public class ProvisionalTests
{
    [Fact]
    public void CAL3_missing_year_gives_a_provisional_result_a_warning_and_a_metric()
    {
        var measurements = new List<(long Value, object? Year)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CalendarTelemetry.MeterName && instrument.Name == CalendarTelemetry.ProvisionalResultsInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "year" && Equals(tag.Value, 2027))
                {
                    lock (measurements)
                    {
                        measurements.Add((value, tag.Value));
                    }
                }
            }
        });
        listener.Start();
        var logger = new RecordingLogger();
        var calendar = new CalendarLoader(logger: logger).Current;

        // Receipt Mon 2026-12-21, 10 working days: Dec 22–25 = 1..4, Dec 28–31 = 5..8, then 2027 has no table:
        // Fri 2027-01-01 counts as a plain weekday = 9, Mon Jan 4 = 10.
        var result = calendar.AddWorkingDays(Day("2026-12-21"), 10);

        Assert.Equal(Day("2027-01-04"), result.DeadlineDate);
        Assert.True(result.IsProvisional);
        Assert.Equal([2027], result.MissingYears);
        Assert.Single(measurements);
        Assert.Contains(logger.Warnings, w => w.Contains("2027", StringComparison.Ordinal) && w.Contains("CAL-3", StringComparison.Ordinal));
        Assert.Contains("临时结果", result.ExplanationText, StringComparison.Ordinal);
        Assert.Contains("2027年", result.ExplanationText, StringComparison.Ordinal);
    }

    [Fact]
    public void CAL3_a_result_inside_loaded_years_is_not_provisional_and_emits_nothing()
    {
        var logger = new RecordingLogger();
        var calendar = new CalendarLoader(logger: logger).Current;
        var result = calendar.AddWorkingDays(Day("2026-12-01"), 10);
        Assert.False(result.IsProvisional);
        Assert.Empty(result.MissingYears);
        Assert.Empty(logger.Warnings);
        Assert.DoesNotContain("临时结果", result.ExplanationText, StringComparison.Ordinal);
    }

    [Fact]
    public void CAL3_counting_into_a_missing_year_is_provisional_too()
    {
        var count = Shipped.Calendar.CountWorkingDays(Day("2023-12-29"), Day("2024-01-03"));
        // Sat Dec 30, Sun Dec 31 (2023 has no table: weekend), Jan 1 元旦 off, Jan 2, Jan 3 = 2.
        Assert.Equal(2, count.Days);
        Assert.True(count.IsProvisional);
        Assert.Equal([2023], count.MissingYears);
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                lock (Warnings)
                {
                    Warnings.Add(formatter(state, exception));
                }
            }
        }
    }
}
