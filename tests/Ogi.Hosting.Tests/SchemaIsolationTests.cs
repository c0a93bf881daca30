using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ogi.Accountability.Persistence;
using Ogi.Assessment.Persistence;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Testing;
using Ogi.Coordination.Persistence;
using Ogi.Intake.Persistence;
using Ogi.SecrecyReview.Persistence;

namespace Ogi.Hosting.Tests;

/// <summary>
/// Each service owns one schema and a role that can touch only it (architecture: "no service reads
/// another's tables"). These tests fail as soon as a grant is widened.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class SchemaIsolationTests(PostgresFixture postgres) : IAsyncLifetime
{
    private string _admin = "";

    public async Task InitializeAsync()
    {
        _admin = await postgres.CreateDatabaseAsync("isolation");
        await Task.WhenAll(
            ServiceDatabaseSetup.ProvisionAndMigrateAsync<IntakeDbContext>(_admin, ServiceIdentity.Intake),
            ServiceDatabaseSetup.ProvisionAndMigrateAsync<SecrecyReviewDbContext>(_admin, ServiceIdentity.SecrecyReview),
            ServiceDatabaseSetup.ProvisionAndMigrateAsync<CoordinationDbContext>(_admin, ServiceIdentity.Coordination),
            ServiceDatabaseSetup.ProvisionAndMigrateAsync<AssessmentDbContext>(_admin, ServiceIdentity.Assessment),
            ServiceDatabaseSetup.ProvisionAndMigrateAsync<AccountabilityDbContext>(_admin, ServiceIdentity.Accountability));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var self in ServiceIdentity.All)
        {
            foreach (var other in ServiceIdentity.All.Where(o => o != self))
            {
                data.Add(self.Name, other.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_service_role_can_neither_read_nor_write_another_services_schema(string selfName, string otherName)
    {
        var self = ServiceIdentity.All.Single(s => s.Name == selfName);
        var other = ServiceIdentity.All.Single(s => s.Name == otherName);
        var table = $"{other.Schema}.{AuditTrailMigration.Table}";
        await using var connection = new NpgsqlConnection(ServiceDatabaseSetup.RoleConnectionString(_admin, self));
        await connection.OpenAsync();

        foreach (var sql in new[]
        {
            $"SELECT count(*) FROM {table}",
            $"INSERT INTO {table} (occurred_at, actor, action, aggregate_type, aggregate_id, outcome) VALUES (now(), 'x', 'x', 'x', 'x', 'x')",
            $"CREATE TABLE {other.Schema}.intruder (id int)",
        })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }

        // The catalogue agrees, for every privilege a grant could add (asked as admin: the role cannot even name the table).
        await using var admin = new NpgsqlConnection(_admin);
        await admin.OpenAsync();
        Assert.False(await ScalarAsync<bool>(admin, $"SELECT has_schema_privilege('{self.Role}', '{other.Schema}', 'USAGE')"));
        Assert.False(await ScalarAsync<bool>(admin, $"SELECT has_schema_privilege('{self.Role}', '{other.Schema}', 'CREATE')"));
        Assert.False(await ScalarAsync<bool>(admin,
            $"SELECT has_table_privilege('{self.Role}', '{table}', 'SELECT,INSERT,UPDATE,DELETE,TRUNCATE,REFERENCES,TRIGGER')"));
    }

    [Fact]
    public async Task Each_role_uses_its_own_schema_and_nothing_else()
    {
        foreach (var service in ServiceIdentity.All)
        {
            await using var connection = new NpgsqlConnection(ServiceDatabaseSetup.RoleConnectionString(_admin, service));
            await connection.OpenAsync();
            await ExecuteAsync(connection, $"INSERT INTO {AuditTrailMigration.Table} (occurred_at, actor, action, aggregate_type, aggregate_id, outcome) VALUES (now(), 'p1', 'Test', 'T', '1', 'ok')");
            Assert.Equal(1L, await ScalarAsync<long>(connection, $"SELECT count(*) FROM {service.Schema}.{AuditTrailMigration.Table}"));

            // Schemas the role may use, besides the system catalogues and the empty public schema.
            var usable = await ScalarAsync<string[]>(connection,
                """
                SELECT coalesce(array_agg(nspname ORDER BY nspname), '{}') FROM pg_namespace
                WHERE has_schema_privilege(current_user, oid, 'USAGE')
                  AND nspname NOT IN ('pg_catalog', 'information_schema', 'public') AND nspname NOT LIKE 'pg_toast%' AND nspname NOT LIKE 'pg_temp%'
                """);
            Assert.Equal([service.Schema], usable);
            Assert.False(await ScalarAsync<bool>(connection, "SELECT has_schema_privilege(current_user, 'public', 'CREATE')"));
            Assert.False(await ScalarAsync<bool>(connection, "SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user"));
        }
    }

    [Fact]
    public async Task The_audit_trail_is_append_only_even_for_its_owner()
    {
        await using var connection = new NpgsqlConnection(ServiceDatabaseSetup.RoleConnectionString(_admin, ServiceIdentity.Intake));
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"INSERT INTO {AuditTrailMigration.Table} (occurred_at, actor, action, aggregate_type, aggregate_id, outcome) VALUES (now(), 'p1', 'Append', 'T', '9', 'ok')");

        foreach (var sql in new[] { $"UPDATE {AuditTrailMigration.Table} SET outcome = 'forged'", $"DELETE FROM {AuditTrailMigration.Table}", $"TRUNCATE {AuditTrailMigration.Table}" })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));
            Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Migrate_is_idempotent()
    {
        await ServiceDatabaseSetup.ProvisionAndMigrateAsync<IntakeDbContext>(_admin, ServiceIdentity.Intake);
        await using var context = ServiceDatabase.CreateContext<IntakeDbContext>(ServiceDatabaseSetup.RoleConnectionString(_admin, ServiceIdentity.Intake), ServiceIdentity.Intake);
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        Assert.Equal((long)context.Database.GetMigrations().Count(), await ScalarAsync<long>(connection, $"SELECT count(*) FROM intake.{ServiceDbContext.MigrationsHistoryTable}"));
    }

    [Fact]
    public async Task Every_services_migrations_match_its_model()
    {
        var contexts = new ServiceDbContext[]
        {
            ServiceDatabase.CreateContext<IntakeDbContext>(ServiceDatabaseSetup.RoleConnectionString(_admin, ServiceIdentity.Intake), ServiceIdentity.Intake),
            ServiceDatabase.CreateContext<SecrecyReviewDbContext>(ServiceDatabaseSetup.RoleConnectionString(_admin, ServiceIdentity.SecrecyReview), ServiceIdentity.SecrecyReview),
            ServiceDatabase.CreateContext<CoordinationDbContext>(ServiceDatabaseSetup.RoleConnectionString(_admin, ServiceIdentity.Coordination), ServiceIdentity.Coordination),
            ServiceDatabase.CreateContext<AssessmentDbContext>(ServiceDatabaseSetup.RoleConnectionString(_admin, ServiceIdentity.Assessment), ServiceIdentity.Assessment),
            ServiceDatabase.CreateContext<AccountabilityDbContext>(ServiceDatabaseSetup.RoleConnectionString(_admin, ServiceIdentity.Accountability), ServiceIdentity.Accountability),
        };
        foreach (var context in contexts)
        {
            await using (context)
            {
                Assert.Empty(await SchemaConformance.DifferencesAsync(context));
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
