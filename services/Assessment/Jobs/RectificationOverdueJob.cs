using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ogi.Assessment.Api;
using Ogi.Assessment.Domain.Consequences;
using Ogi.Assessment.Persistence;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Messaging;
using Pb = Ogi.Contracts.Assessment.V1;

namespace Ogi.Assessment.Jobs;

/// <summary>
/// AS-6/AS-7: reports to accountability each rectification report not filed by its due date (the 20th working day
/// after the notice) — on the 21st working day, once. Rows are claimed with FOR UPDATE SKIP LOCKED, so several
/// replicas scan side by side without reporting one twice; the clock is the host's TimeProvider.
/// </summary>
public sealed partial class RectificationOverdueJob(IServiceScopeFactory scopes, TimeProvider time, DeadlineCalculator calendar,
    ILogger<RectificationOverdueJob> logger, TimeSpan interval) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                // A full batch reported: more may be waiting. Rows not yet at their 21st working day stop the loop
                // (they sort last, by due date) and are looked at again at the next tick.
                while (await ScanAsync(stoppingToken) == Batch)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogScanFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: reports what is overdue today; returns how many it reported.</summary>
    public async Task<int> ScanAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(WorkingDayCalendar.ChinaOffset).DateTime);
        var current = calendar.Calendars.Current;
        // Only due dates before today can be overdue; the 21st working day test below decides.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var owed = await db.Rectifications.FromSql($"""
            SELECT * FROM assessment.rectifications
            WHERE report_filed_on IS NULL AND overdue_reported_on IS NULL AND due_date < {today}
            ORDER BY due_date LIMIT {Batch} FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        var reported = 0;
        foreach (var row in owed)
        {
            // A weekend or holiday right after the 20th working day is not yet the 21st: it is reported on the 21st.
            var twentyFirst = current.AddWorkingDays(row.DueDate, 1).DeadlineDate!.Value;
            if (today < twentyFirst)
            {
                continue;
            }

            var rectification = AssessmentApi.Rehydrate(row);
            rectification.CheckOverdue(today);
            foreach (var overdue in rectification.Events.OfType<RectificationOverdue>())
            {
                var message = new Pb.RectificationOverdue
                {
                    RectificationId = overdue.RectificationId.ToString(),
                    AgencyCode = overdue.AgencyCode,
                    Origin = Api.Convert.Enum<Pb.RectificationOrigin>(overdue.Origin),
                    SourceId = overdue.SourceId.ToString(),
                    NoticeDate = Api.Convert.Date(overdue.NoticeDate),
                    DueDate = Api.Convert.Date(overdue.DueDate),
                    DetectedOn = Api.Convert.Date(overdue.DetectedOn),
                };
                outbox.Add(db, Topics.Assessment, message.RectificationId, message);
                row.OverdueReportedOn = today;
                row.Version++;
                reported++;
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return reported;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rectification overdue scan failed ({Error}); retrying at the next tick")]
    private static partial void LogScanFailed(ILogger logger, string error);
}
