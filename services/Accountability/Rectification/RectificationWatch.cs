using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ogi.Accountability.Cases;
using Ogi.Accountability.Persistence;

namespace Ogi.Accountability.Rectification;

/// <summary>
/// AC-11 (seed 000 第十条): escalates every case whose rectification report is past its deadline, once. Each round
/// claims the due cases with FOR UPDATE SKIP LOCKED, so several replicas share the work without escalating twice.
/// Time comes from <see cref="TimeProvider"/>, so tests move it.
/// </summary>
public sealed partial class RectificationWatch(IServiceScopeFactory scopes, TimeProvider clock, TimeSpan interval, ILogger<RectificationWatch> logger)
    : BackgroundService
{
    private const int Batch = 100;

    /// <summary>One round: escalates what is overdue today; returns how many cases it escalated.</summary>
    public async Task<int> EscalateOverdueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<CaseStore>();
        var db = store.Db;
        var today = ChinaDate.Today(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Cases.FromSql($"""
            SELECT * FROM accountability.cases
            WHERE rectification_due IS NOT NULL AND rectification_reported_on IS NULL AND escalated_on IS NULL AND rectification_due < {today}
            ORDER BY rectification_due
            LIMIT {Batch}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        var escalated = 0;
        foreach (var row in due)
        {
            var @case = CaseStore.Restore(row);
            if (@case.EscalateIfRectificationOverdue(today))
            {
                await store.UpdateAsync(@case, cancellationToken);
                escalated++;
                LogEscalated(@case.Id, @case.RectificationDue!.Value);
            }
        }

        await store.SaveAsync(null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return escalated;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await EscalateOverdueAsync(stoppingToken) == Batch)
                {
                    // A full batch: more may be waiting.
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(e.GetType().Name);
            }

            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalated case {CaseId}: no rectification report by {Due}")]
    private partial void LogEscalated(Guid caseId, DateOnly due);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rectification watch round failed ({Error}); retrying next round")]
    private partial void LogRoundFailed(string error);
}
