using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Ogi.BuildingBlocks.Hosting.Persistence;

namespace Ogi.BuildingBlocks.Hosting.Readiness;

/// <summary>Checks the database and the migrations every few seconds and reports to <see cref="ServiceReadiness"/>.</summary>
/// <remarks>
/// The check is one plain query of the migrations history against the migration ids compiled into the service.
/// EF's own GetPendingMigrationsAsync builds the model and the migrations machinery, which an idle service then
/// keeps in memory (several MB per process) only to answer this question every two seconds.
/// </remarks>
public sealed partial class DatabaseReadinessProbe<TContext>(
    IServiceScopeFactory scopes, DatabaseSettings settings, ServiceIdentity service, ServiceReadiness readiness,
    ILogger<DatabaseReadinessProbe<TContext>> logger, TimeSpan interval)
    : BackgroundService
    where TContext : ServiceDbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var expected = ExpectedMigrations();
        await using var database = NpgsqlDataSource.Create(settings.RequireConnectionString());
        var query = $"""SELECT "MigrationId" FROM "{service.Schema}"."{ServiceDbContext.MigrationsHistoryTable}" """;
        while (!stoppingToken.IsCancellationRequested)
        {
            var (ready, reason) = await CheckAsync(database, query, expected, stoppingToken);
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

    private HashSet<string> ExpectedMigrations()
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<TContext>().Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
    }

    private static async Task<(bool Ready, string Reason)> CheckAsync(NpgsqlDataSource database, string query, HashSet<string> expected, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var pending = new HashSet<string>(expected, StringComparer.Ordinal);
            await using (var command = database.CreateCommand(query))
            {
                await using var reader = await command.ExecuteReaderAsync(timeout.Token);
                while (await reader.ReadAsync(timeout.Token))
                {
                    pending.Remove(reader.GetString(0));
                }
            }

            return pending.Count == 0 ? (true, "ready") : (false, $"{pending.Count} migration(s) not applied: run migrate");
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            return (false, $"{expected.Count} migration(s) not applied: run migrate");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (false, "database unreachable: " + e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Readiness changed: ready={Ready} ({Reason})")]
    private static partial void LogChanged(ILogger logger, bool ready, string reason);
}
