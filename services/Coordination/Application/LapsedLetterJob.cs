using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ogi.Coordination.Domain;
using Ogi.Coordination.Persistence;

namespace Ogi.Coordination.Application;

/// <summary>
/// Closes the letters whose period ran out (CO-2, CO-4, Reg. 34) by the rule that applies: co-produced documents'
/// silence is consent, an ordinary or urgent letter's silence leaves the decision to the releasing agency, a third
/// party's silence lets the agency decide. "Today" comes from the TimeProvider; rows are claimed with
/// FOR UPDATE SKIP LOCKED so several replicas share the work without closing a letter twice.
/// Configuration: Coordination:LapseScanSeconds (default 60).
/// </summary>
public sealed partial class LapsedLetterJob(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<LapsedLetterJob> logger)
    : BackgroundService
{
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Coordination:LapseScanSeconds", 60.0));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogScanFailed(logger, e.GetType().Name);
            }

            // Real time between scans; the day the rules use is the TimeProvider's.
            await Task.Delay(interval, stoppingToken);
        }
    }

    /// <summary>One scan: closes every lapsed letter and consultation due before today. Returns how many aggregates changed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int closed;
        do
        {
            closed = await CloseBatchAsync(cancellationToken);
            total += closed;
        }
        while (closed == BatchSize);

        return total;
    }

    private async Task<int> CloseBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<CoordinationStore>();
        var events = scope.ServiceProvider.GetRequiredService<EventPublisher>();
        var db = store.Db;
        var today = time.Today();
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var coordinations = await db.Coordinations
            .FromSql($"""
                SELECT * FROM coordination.coordinations
                WHERE status = 'AwaitingAnswers' AND next_due_on < {today}
                ORDER BY next_due_on LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
                """)
            .Include(c => c.Letters)
            .ToListAsync(cancellationToken);
        foreach (var row in coordinations)
        {
            var coordination = CoordinationStore.Restore(row);
            coordination.CloseLapsedLetters(today);
            await store.UpdateAsync(coordination, now, cancellationToken);
            events.Publish(db, coordination, new ItemOrigin(row.ApplicationId, row.RequestId));
        }

        var consultations = await db.ThirdPartyConsultations
            .FromSql($"""
                SELECT * FROM coordination.third_party_consultations
                WHERE status = 'AwaitingAnswers' AND due_on < {today}
                ORDER BY due_on LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        foreach (var row in consultations)
        {
            var consultation = CoordinationStore.Restore(row);
            if (consultation.CloseIfLapsed(today))
            {
                events.PublishThirdPartyLapse(db, consultation);
            }

            await store.UpdateAsync(consultation, now, cancellationToken);
            events.Publish(db, consultation, new ItemOrigin(row.ApplicationId, row.RequestId));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (coordinations.Count + consultations.Count > 0)
        {
            LogClosed(logger, coordinations.Count, consultations.Count, today);
        }

        return Math.Max(coordinations.Count, consultations.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed lapsed letters of {Coordinations} coordinations and {Consultations} third-party consultations on {Today}")]
    private static partial void LogClosed(ILogger logger, int coordinations, int consultations, DateOnly today);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lapse scan failed ({Error}); retrying at the next scan")]
    private static partial void LogScanFailed(ILogger logger, string error);
}
