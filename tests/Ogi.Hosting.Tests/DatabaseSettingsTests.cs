using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Testing;
using Ogi.Intake.Persistence;

namespace Ogi.Hosting.Tests;

/// <summary>What every service's connections are opened with, and the pooled contexts they serve.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class DatabaseSettingsTests(PostgresFixture postgres)
{
    private static NpgsqlConnectionStringBuilder Resolved(string connectionString) =>
        new(new DatabaseSettings { ConnectionString = connectionString }.RequireConnectionString());

    [Fact]
    public void Repeated_statements_are_prepared_and_planned_for_each_execution_by_default()
    {
        var settings = Resolved("Host=h;Username=u;Database=d");

        Assert.Equal(DatabaseSettings.DefaultMaxAutoPrepare, settings.MaxAutoPrepare);
        Assert.Equal("-c plan_cache_mode=force_custom_plan", settings.Options);
    }

    [Fact]
    public void The_url_form_gets_the_same_defaults()
    {
        var settings = Resolved("postgres://u:p@h:6543/d");

        Assert.Equal((6543, DatabaseSettings.DefaultMaxAutoPrepare), (settings.Port, settings.MaxAutoPrepare));
    }

    [Fact]
    public void An_operator_who_turns_preparing_off_is_obeyed()
    {
        var settings = Resolved("Host=h;Username=u;Database=d;Max Auto Prepare=0;Options=-c statement_timeout=5000");

        Assert.Equal(0, settings.MaxAutoPrepare);
        Assert.Equal("-c statement_timeout=5000", settings.Options);
    }

    [Fact]
    public void Options_the_operator_set_are_kept_beside_the_plan_cache_mode()
    {
        var settings = Resolved("Host=h;Username=u;Database=d;Options=-c statement_timeout=5000");

        Assert.Equal("-c statement_timeout=5000 -c plan_cache_mode=force_custom_plan", settings.Options);
    }

    [Fact]
    public async Task A_connection_opened_with_the_settings_plans_each_execution()
    {
        var admin = await postgres.CreateDatabaseAsync("plan-mode");
        await using var connection = new NpgsqlConnection(new DatabaseSettings { ConnectionString = admin }.RequireConnectionString());
        await connection.OpenAsync();
        await using var show = new NpgsqlCommand("SHOW plan_cache_mode", connection);

        Assert.Equal("force_custom_plan", await show.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_pooled_context_is_reused_and_comes_back_with_savepoints_on()
    {
        var admin = await postgres.CreateDatabaseAsync("pooled");
        var role = await ServiceDatabaseSetup.ProvisionAndMigrateAsync<IntakeDbContext>(admin, ServiceIdentity.Intake);
        var builder = OgiHost.CreateBuilder<IntakeDbContext>([$"--Database:ConnectionString={role}"], ServiceIdentity.Intake);
        await using var app = builder.Build();

        IntakeDbContext first;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            // The submission group commit turns savepoints off for its transaction.
            first.Database.AutoSavepointsEnabled = false;
            Assert.Equal(0, await first.Applications.CountAsync());
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var second = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            Assert.Same(first, second);
            Assert.True(second.Database.AutoSavepointsEnabled);
            Assert.Equal(0, await second.Applications.CountAsync());
        }
    }
}
