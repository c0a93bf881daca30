using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Hosting.Readiness;
using Ogi.BuildingBlocks.Testing;
using Ogi.Intake.Persistence;

namespace Ogi.Hosting.Tests;

/// <summary>Readiness (what gRPC health reports) follows the database: reachable and fully migrated.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ReadinessTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Ready_once_the_database_is_reachable_and_migrated()
    {
        var admin = await postgres.CreateDatabaseAsync("ready");
        var role = await ServiceDatabaseSetup.ProvisionAndMigrateAsync<IntakeDbContext>(admin, ServiceIdentity.Intake);

        var report = await ProbeOnceAsync(role);

        Assert.True(report.Ready, report.Reason);
    }

    [Fact]
    public async Task Not_ready_while_migrations_are_pending()
    {
        var admin = await postgres.CreateDatabaseAsync("pending");
        await ServiceDatabase.ProvisionAsync(admin, ServiceIdentity.Intake, ServiceDatabaseSetup.TestRolePassword);

        var report = await ProbeOnceAsync(ServiceDatabaseSetup.RoleConnectionString(admin, ServiceIdentity.Intake));

        Assert.False(report.Ready);
        Assert.Contains("migrate", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_ready_when_one_migration_of_many_is_missing()
    {
        var admin = await postgres.CreateDatabaseAsync("one-missing");
        var role = await ServiceDatabaseSetup.ProvisionAndMigrateAsync<IntakeDbContext>(admin, ServiceIdentity.Intake);
        await using (var connection = new NpgsqlConnection(role))
        {
            await connection.OpenAsync();
            await using var forget = new NpgsqlCommand(
                $"""DELETE FROM "{ServiceDbContext.MigrationsHistoryTable}" WHERE "MigrationId" = (SELECT max("MigrationId") FROM "{ServiceDbContext.MigrationsHistoryTable}")""", connection);
            Assert.Equal(1, await forget.ExecuteNonQueryAsync());
        }

        var report = await ProbeOnceAsync(role);

        Assert.False(report.Ready);
        Assert.Equal("1 migration(s) not applied: run migrate", report.Reason);
    }

    [Fact]
    public async Task Not_ready_when_the_database_is_unreachable()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(postgres.Server.AdminConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;

        var report = await ProbeOnceAsync(unreachable);

        Assert.False(report.Ready);
        Assert.StartsWith("database unreachable", report.Reason, StringComparison.Ordinal);
    }

    private static async Task<ReadinessReport> ProbeOnceAsync(string connectionString)
    {
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<ServiceReadiness>()
            .AddSingleton(new DatabaseSettings { ConnectionString = connectionString })
            .AddSingleton(ServiceIdentity.Intake)
            .AddDbContext<IntakeDbContext>(o => ServiceDatabase.Configure<IntakeDbContext>(o, connectionString, ServiceIdentity.Intake));
        await using var provider = services.BuildServiceProvider();
        var readiness = provider.GetRequiredService<ServiceReadiness>();
        var reported = new TaskCompletionSource<ReadinessReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        readiness.Changed += r => reported.TrySetResult(r);
        var probe = ActivatorUtilities.CreateInstance<DatabaseReadinessProbe<IntakeDbContext>>(provider, TimeSpan.FromMinutes(1));

        await probe.StartAsync(CancellationToken.None);
        try
        {
            // The first check either changes the report or confirms "starting"'s not-ready state.
            var first = await Task.WhenAny(reported.Task, Task.Delay(TimeSpan.FromSeconds(15)));
            return first == reported.Task ? await reported.Task : readiness.Current;
        }
        finally
        {
            await probe.StopAsync(CancellationToken.None);
        }
    }
}
