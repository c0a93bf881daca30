using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ogi.BuildingBlocks.Hosting.Persistence;

namespace Ogi.BuildingBlocks.Hosting.Readiness;

/// <summary>Checks the database and the migrations every few seconds and reports to <see cref="ServiceReadiness"/>.</summary>
public sealed partial class DatabaseReadinessProbe<TContext>(
    IServiceScopeFactory scopes, ServiceReadiness readiness, ILogger<DatabaseReadinessProbe<TContext>> logger, TimeSpan interval)
    : BackgroundService
    where TContext : ServiceDbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var (ready, reason) = await CheckAsync(stoppingToken);
            var wasReady = readiness.Current.Ready;
            readiness.Report(ready, reason);
            if (wasReady != ready)
            {
                LogChanged(logger, ready, reason);
            }

            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<(bool Ready, string Reason)> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await using var scope = scopes.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            var pending = (await context.Database.GetPendingMigrationsAsync(timeout.Token)).ToList();
            return pending.Count == 0 ? (true, "ready") : (false, $"{pending.Count} migration(s) not applied: run migrate");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (false, "database unreachable: " + e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Readiness changed: ready={Ready} ({Reason})")]
    private static partial void LogChanged(ILogger logger, bool ready, string reason);
}
