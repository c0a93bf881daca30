using Npgsql;

namespace Ogi.EndToEnd.Tests;

/// <summary>
/// What the services stored, read straight from their schemas in the platform's database: intake's applications and
/// outbox, assessment's inbox, dead letters and read model. Each query opens its own unpooled connection, so a
/// database restart leaves no broken connection behind.
/// </summary>
public sealed class PlatformRecords(string database)
{
    private const string ApplicationRegistered = "ogi.intake.v1.ApplicationRegistered";

    private readonly string _database = new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString;

    /// <summary>Intake's applications of one platform client, by the platform's request id (INT-1).</summary>
    public async Task<IReadOnlyDictionary<string, Acknowledgement>> IntakeApplicationsAsync(string platformClientId)
    {
        var rows = await QueryAsync(
            "SELECT request_id, id::text, tracking_number FROM intake.applications WHERE submitted_by = $1",
            r => (RequestId: r.GetString(0), Application: new Acknowledgement(r.GetString(1), r.GetString(2))), platformClientId);
        return rows.ToDictionary(r => r.RequestId, r => r.Application);
    }

    /// <summary>Table 三 row 0 of an agency over every year and applicant column: applications assessment counted as received (AS-8).</summary>
    public async Task<long> RegisteredCountAsync(string agencyCode) =>
        (await QueryAsync("SELECT coalesce(sum(count), 0)::bigint FROM assessment.table3_counts WHERE agency_code = $1 AND \"row\" = 0", r => r.GetInt64(0), agencyCode))[0];

    /// <summary>How many of the applications have a row in assessment's read model (application_facts).</summary>
    public async Task<int> FactsAsync(IReadOnlyCollection<Guid> applicationIds) =>
        (await QueryAsync("SELECT count(*)::int FROM assessment.application_facts WHERE application_id = ANY($1)", r => r.GetInt32(0), applicationIds.ToArray()))[0];

    /// <summary>The ApplicationRegistered events intake put in its outbox for the applications: (application, event id, delivered to assessment).</summary>
    public Task<List<(Guid Application, Guid EventId, bool Delivered)>> RegistrationEventsAsync(IReadOnlyCollection<Guid> applicationIds) =>
        QueryAsync("""
            SELECT e.aggregate_id::uuid, e.event_id, d.delivered_at IS NOT NULL
            FROM intake.outbox_events e
            JOIN intake.outbox_deliveries d ON d.event_id = e.event_id AND d.subscriber = 'assessment'
            WHERE e.type = $1 AND e.aggregate_id = ANY($2)
            """, r => (r.GetGuid(0), r.GetGuid(1), r.GetBoolean(2)), ApplicationRegistered, applicationIds.Select(id => id.ToString()).ToArray());

    /// <summary>Of the events, how many assessment's inbox recorded as handled, and how many it dead-lettered.</summary>
    public async Task<(int Handled, int DeadLettered)> AssessmentInboxAsync(IReadOnlyCollection<Guid> eventIds)
    {
        var ids = eventIds.ToArray();
        var handled = await QueryAsync("SELECT count(*)::int FROM assessment.inbox_events WHERE event_id = ANY($1)", r => r.GetInt32(0), ids);
        var dead = await QueryAsync("SELECT count(*)::int FROM assessment.dead_letters WHERE event_id = ANY($1)", r => r.GetInt32(0), ids);
        return (handled[0], dead[0]);
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
