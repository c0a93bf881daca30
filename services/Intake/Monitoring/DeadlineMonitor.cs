using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.Intake.Api;
using Ogi.Intake.Domain;
using Ogi.Intake.Persistence;

namespace Ogi.Intake.Monitoring;

/// <summary>
/// The deadline monitor. Each pass, on the legal date of <see cref="TimeProvider"/>:
/// reloads the calendar tables and, when they changed, recomputes every open application's deadline (CAL-1);
/// then takes the applications whose <c>monitor_due_on</c> has come, in batches locked with SKIP LOCKED so
/// replicas share the work, and for each closes an abandoned correction (INT-4) or an unpaid fee (INT-7), or sends
/// a warning inside the window or the one breach after the deadline (INT-10).
/// </summary>
public sealed partial class DeadlineMonitor(IServiceScopeFactory scopes, DeadlineCalculator calendar, IntakeOptions options, TimeProvider clock,
    ILogger<DeadlineMonitor> logger) : BackgroundService
{
    private const string Actor = "system:intake-deadline-monitor";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.MonitorEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(logger, e.GetType().Name, e.Message);
            }

            try
            {
                await Task.Delay(options.MonitorInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass; returns how many applications it looked at.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await ReloadCalendarAsync(cancellationToken);
        var today = LegalDay.Today(clock);
        var total = 0;
        while (true)
        {
            var handled = await RunBatchAsync(today, cancellationToken);
            total += handled;
            if (handled < options.MonitorBatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>CAL-1: a changed calendar moves open deadlines; the stored columns (and the monitor's dates) follow.</summary>
    public async Task<int> ReloadCalendarAsync(CancellationToken cancellationToken = default)
    {
        CalendarReload reload;
        try
        {
            reload = calendar.Calendars.Reload();
        }
        catch (CalendarDataException e)
        {
            LogCalendarRejected(logger, e.Message);
            return 0;
        }

        if (!reload.Changed)
        {
            return 0;
        }

        var recomputed = 0;
        var after = Guid.Empty;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            var store = scope.ServiceProvider.GetRequiredService<ApplicationStore>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var batch = await store.LockOpenAfterAsync(after, options.MonitorBatchSize, cancellationToken);
            var now = clock.GetUtcNow();
            foreach (var application in batch)
            {
                await store.UpdateAsync(application, now, cancellationToken);
            }

            await store.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            recomputed += batch.Count;
            if (batch.Count < options.MonitorBatchSize)
            {
                LogRecomputed(logger, reload.PreviousVersion, reload.Version, recomputed);
                return recomputed;
            }

            after = batch[^1].Id;
        }
    }

    private async Task<int> RunBatchAsync(DateOnly today, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<ApplicationStore>();
        var publisher = scope.ServiceProvider.GetRequiredService<IntakeEventPublisher>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await store.LockDueAsync(today, options.MonitorBatchSize, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var application in due)
        {
            string? closed = null;
            if (application.CloseIfCorrectionOverdue(today))
            {
                closed = "closed: correction overdue (INT-4)";
            }
            else if (application.CloseIfFeeUnpaid(today))
            {
                closed = "closed: fee unpaid (INT-7)";
            }
            else
            {
                application.CheckTimeliness(today, calendar, options.WarningWorkingDays);
            }

            await store.UpdateAsync(application, now, cancellationToken, monitoredThrough: today);
            publisher.Publish(db, application, application.DequeueEvents());
            if (closed is not null)
            {
                await AuditTrail.AppendAsync(db, new AuditRecord(Actor, "DeadlineMonitor/Close", "Application", application.TrackingNumber, closed), clock, cancellationToken);
            }
        }

        await store.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline monitor pass failed: {Error} {Detail}")]
    private static partial void LogPassFailed(ILogger logger, string error, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Calendar reload rejected, the current calendar stays: {Detail}")]
    private static partial void LogCalendarRejected(ILogger logger, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar changed from {Previous} to {Version}: recomputed {Count} open applications")]
    private static partial void LogRecomputed(ILogger logger, string previous, string version, int count);
}
