using Npgsql;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Testing;
using Ogi.Intake.Persistence;

namespace Ogi.Intake.Tests;

/// <summary>
/// The monitor's and the lists' queries use the migration's indexes on a large table (100,000 applications over
/// 50 agencies, most of them closed, as after some years): PostgreSQL's own planner, on statistics, picks index
/// scans rather than reading the table.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class QueryPlanTests(PostgresFixture postgres) : IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        var admin = await postgres.CreateDatabaseAsync("intake_plans");
        _connectionString = await ServiceDatabaseSetup.ProvisionAndMigrateAsync<IntakeDbContext>(admin, ServiceIdentity.Intake);
        await using var connection = await OpenAsync();
        await using var fill = new NpgsqlCommand("""
            INSERT INTO intake.applications (id, agency_code, tracking_number, submitted_by, request_id, verification_code_hash, applicant_key,
                status, applicant_type, submitted_on, received_on, deadline, monitor_due_on, state, version, created_at, updated_at)
            SELECT gen_random_uuid(), 'agency-' || (n % 50), 'A' || (n % 50) || '-' || (2020 + n % 7) || '-' || lpad(n::text, 7, '0'), 'platform', 'r-' || n,
                '\x00'::bytea, decode(md5((n % 40000)::text), 'hex'),
                CASE WHEN n % 100 = 0 THEN 'InProgress' ELSE 'Replied' END, 'NaturalPerson',
                DATE '2020-01-01' + (n % 2500), DATE '2020-01-01' + (n % 2500),
                CASE WHEN n % 100 = 0 THEN DATE '2020-02-01' + (n % 2500) END,
                CASE WHEN n % 100 = 0 THEN DATE '2020-01-20' + (n % 2500) END,
                '{}'::jsonb, 0, now(), now()
            FROM generate_series(1, 100000) AS n;
            ANALYZE intake.applications;
            """, connection);
        fill.CommandTimeout = 300;
        await fill.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("monitor: due today", "SELECT * FROM intake.applications WHERE monitor_due_on <= DATE '2023-01-01' ORDER BY monitor_due_on LIMIT 200 FOR UPDATE SKIP LOCKED")]
    [InlineData("list: an agency, newest first", "SELECT * FROM intake.applications WHERE agency_code = 'agency-7' ORDER BY submitted_on DESC, id DESC LIMIT 51")]
    [InlineData("list: next page", "SELECT * FROM intake.applications WHERE (submitted_on, id) < (DATE '2024-01-01', '00000000-0000-0000-0000-000000000000') AND agency_code = 'agency-7' ORDER BY submitted_on DESC, id DESC LIMIT 51")]
    [InlineData("list: by status", "SELECT * FROM intake.applications WHERE agency_code = 'agency-7' AND status = 'InProgress' ORDER BY submitted_on DESC, id DESC LIMIT 51")]
    [InlineData("search: tracking number prefix", "SELECT * FROM intake.applications WHERE agency_code = 'agency-7' AND tracking_number LIKE 'A7-2024-%' ORDER BY submitted_on DESC, id DESC LIMIT 51")]
    [InlineData("search: open by deadline", "SELECT * FROM intake.applications WHERE agency_code = 'agency-7' AND deadline <= DATE '2021-01-01' AND status IN ('ReceivedUnconfirmed', 'InProgress', 'AwaitingCorrection') ORDER BY submitted_on DESC, id DESC LIMIT 51")]
    [InlineData("INT-7: an applicant's month", "SELECT count(*) FROM intake.applications WHERE applicant_key = decode(md5('17'), 'hex') AND submitted_on >= DATE '2023-04-01' AND submitted_on < DATE '2023-05-01'")]
    [InlineData("INT-1: a platform's request id", "SELECT * FROM intake.applications WHERE submitted_by = 'platform' AND request_id = 'r-12345'")]
    [InlineData("INT-12: a tracking number", "SELECT * FROM intake.applications WHERE tracking_number = 'A7-2024-0012345'")]
    [InlineData("calendar reload: open applications by id", "SELECT * FROM intake.applications WHERE status IN ('ReceivedUnconfirmed', 'InProgress', 'AwaitingCorrection') AND id > '00000000-0000-0000-0000-000000000000' ORDER BY id LIMIT 200")]
    public async Task The_query_uses_an_index_not_a_table_scan(string query, string sql)
    {
        await using var connection = await OpenAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var text = string.Join('\n', plan);
        Assert.False(text.Contains("Seq Scan", StringComparison.Ordinal), $"{query} reads the whole table:\n{text}");
        Assert.Contains("Index", text, StringComparison.Ordinal);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
