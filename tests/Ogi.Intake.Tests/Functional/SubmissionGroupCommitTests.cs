using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Testing;
using Ogi.Contracts.Intake.V1;
using Ogi.Intake.Api;
using Ogi.Intake.Persistence;
using static Ogi.Intake.Tests.Functional.Dates;

namespace Ogi.Intake.Tests.Functional;

/// <summary>
/// SubmitApplication under concurrency, through gRPC on the real PostgreSQL: submissions arriving together are
/// committed in groups (SubmissionGroupCommit), and each caller still gets exactly what a lone submission gets.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class SubmissionGroupCommitTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly string[] Agencies = [SampleAgencies.XijiHousing, SampleAgencies.XijiJiqiangTown, SampleAgencies.LongdeHealth, SampleAgencies.Yuanzhou];

    private IntakeHostUnderTest _host = null!;

    private IntakeService.IntakeServiceClient Client => _host.Client;

    public async Task InitializeAsync() =>
        _host = await IntakeHostUnderTest.StartAsync(postgres, D(2026, 3, 2), "--Intake:Monitor:Enabled=false");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task INT3_200_submissions_in_flight_each_get_one_application_gap_free_numbers_one_audit_row_and_one_registration_event()
    {
        var requests = Enumerable.Range(0, 200).Select(i => IntakeHostUnderTest.Request(agency: Agencies[i % Agencies.Length])).ToList();

        var responses = await Task.WhenAll(requests.Select(async r => await Client.SubmitApplicationAsync(r, _host.Platform)));

        Assert.All(responses, r => Assert.False(r.Replayed));
        Assert.Equal(200, responses.Select(r => r.Application.ApplicationId).Distinct().Count());
        foreach (var agency in Agencies)
        {
            var numbers = responses.Where(r => r.Application.AgencyCode == agency).Select(r => r.Application.TrackingNumber).Order(StringComparer.Ordinal).ToList();
            var prefix = numbers[0][..numbers[0].LastIndexOf('-')];
            Assert.Equal(Enumerable.Range(1, 50).Select(n => $"{prefix}-{n:D6}"), numbers);
        }

        // Each caller got its own application: the one stored under its request id.
        Assert.Equal(requests.Zip(responses, (q, r) => $"{r.Application.ApplicationId} {q.RequestId}").Order(StringComparer.Ordinal),
            (await ColumnAsync("SELECT id::text || ' ' || request_id FROM intake.applications")).Order(StringComparer.Ordinal));
        var trackingNumbers = responses.Select(r => r.Application.TrackingNumber).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(trackingNumbers, await ColumnAsync("SELECT aggregate_id FROM intake.audit_entries WHERE action = 'ogi.intake.v1.IntakeService/SubmitApplication' ORDER BY aggregate_id COLLATE \"C\""));
        Assert.Equal(responses.Select(r => r.Application.ApplicationId).Order(StringComparer.Ordinal),
            await ColumnAsync("SELECT aggregate_id FROM intake.outbox_events WHERE type = 'ogi.intake.v1.ApplicationRegistered' ORDER BY aggregate_id COLLATE \"C\""));
        await AssertAuditChainIntactAsync();
    }

    [Fact]
    public async Task INT1_the_same_request_id_sent_concurrently_is_one_application_and_every_caller_gets_it()
    {
        var repeated = IntakeHostUnderTest.Request();
        var calls = Enumerable.Range(0, 60).Select(i => i % 3 == 0 ? repeated : IntakeHostUnderTest.Request(agency: Agencies[i % Agencies.Length])).ToList();

        var responses = await Task.WhenAll(calls.Select(async r => await Client.SubmitApplicationAsync(r, _host.Platform)));

        var same = responses.Where((_, i) => i % 3 == 0).ToList();
        Assert.Single(same.Select(r => r.Application.ApplicationId).Distinct());
        Assert.Single(same.Select(r => r.VerificationCode).Distinct());
        Assert.Single(same, r => !r.Replayed);
        Assert.Equal(["1"], await ColumnAsync($"SELECT count(*)::text FROM intake.applications WHERE request_id = '{repeated.RequestId}'"));
        Assert.Equal(["1"], await ColumnAsync($"SELECT count(*)::text FROM intake.audit_entries WHERE aggregate_id = '{same[0].Application.TrackingNumber}'"));
        Assert.Equal(["1"], await ColumnAsync($"SELECT count(*)::text FROM intake.outbox_events WHERE aggregate_id = '{same[0].Application.ApplicationId}'"));
        Assert.Equal(41, responses.Select(r => r.Application.ApplicationId).Distinct().Count());
    }

    [Fact]
    public async Task A_submission_the_database_refuses_fails_alone_the_rest_of_its_group_commits_and_nothing_is_answered_before_the_commit()
    {
        // The store refuses this request id (as it would any row breaking a constraint): the whole group's insert fails.
        await ExecuteAsAdminAsync("""
            CREATE FUNCTION intake.refuse_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'refused for the test' USING ERRCODE = 'check_violation'; END $$;
            CREATE TRIGGER refuse_for_test BEFORE INSERT ON intake.applications
                FOR EACH ROW WHEN (NEW.request_id LIKE 'refused-%') EXECUTE FUNCTION intake.refuse_for_test();
            """);
        var agency = SampleAgencies.XijiJiqiangTown;

        // Holding the audit trail's lock keeps the first submission's transaction open, so the others queue up and go in one group.
        await using var blocker = new NpgsqlConnection(_host.Service.AdminConnectionString);
        await blocker.OpenAsync();
        await using var blocking = await blocker.BeginTransactionAsync();
        await ExecuteAsync(blocker, "SELECT pg_advisory_xact_lock(hashtext('\"intake\".audit_entries'))");
        var first = Client.SubmitApplicationAsync(IntakeHostUnderTest.Request(agency: agency), _host.Platform).ResponseAsync;
        await Eventually.HoldsAsync(async () => await ColumnAsync("SELECT count(*)::text FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") is ["1"],
            "the first submission waits for the audit lock", seconds: 10);

        var requests = Enumerable.Range(0, 30).Select(i => IntakeHostUnderTest.Request(agency: agency, requestId: i == 15 ? $"refused-{Guid.NewGuid():N}" : null)).ToList();
        using var abandon = new CancellationTokenSource();
        var calls = requests.Select((r, i) => Client.SubmitApplicationAsync(r, _host.Platform, cancellationToken: i == 20 ? abandon.Token : default).ResponseAsync).ToList();
        // All 30 wait behind the first (the gauge operators watch says so); only then does one caller stop waiting, so
        // its submission is in the queue and not refused on the way in.
        await Eventually.HoldsAsync(() => Task.FromResult(QueuedSubmissions() == 30), "all 30 submissions are queued", seconds: 10);
        await Task.Delay(TimeSpan.FromMilliseconds(300)); // time for an answer given before the commit to show
        await abandon.CancelAsync();
        Assert.False(first.IsCompleted);
        Assert.All(calls.Where((_, i) => i != 20), c => Assert.False(c.IsCompleted));
        await blocking.RollbackAsync();

        Assert.False((await first).Replayed);
        var refused = await Assert.ThrowsAsync<RpcException>(() => calls[15]);
        Assert.Equal(StatusCode.Internal, refused.StatusCode);
        Assert.Equal(StatusCode.Cancelled, (await Assert.ThrowsAsync<RpcException>(() => calls[20])).StatusCode);
        var accepted = await Task.WhenAll(calls.Where((_, i) => i is not 15 and not 20));
        Assert.Equal(28, accepted.Length);

        // The caller who stopped waiting did not cancel the group: its application committed with the others, and the
        // refused one took no number, so the agency's numbers stay gap-free.
        var stored = await ColumnAsync($"SELECT tracking_number FROM intake.applications WHERE agency_code = '{agency}' ORDER BY tracking_number");
        var prefix = stored[0][..stored[0].LastIndexOf('-')];
        Assert.Equal(Enumerable.Range(1, 30).Select(n => $"{prefix}-{n:D6}"), stored);
        Assert.Equal(["0"], await ColumnAsync("SELECT count(*)::text FROM intake.applications WHERE request_id LIKE 'refused-%'"));
        Assert.Contains(requests[20].RequestId, await ColumnAsync($"SELECT request_id FROM intake.applications WHERE agency_code = '{agency}'"));
        Assert.Equal(stored, await ColumnAsync("SELECT aggregate_id FROM intake.audit_entries ORDER BY aggregate_id"));
        await AssertAuditChainIntactAsync();
    }

    /// <summary>What this host's <c>ogi.intake.submissions.queued</c> gauge reports now.</summary>
    private int QueuedSubmissions()
    {
        var meters = _host.Service.Services.GetRequiredService<IMeterFactory>();
        int? queued = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == SubmissionGroupCommit.QueuedInstrument)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => queued = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return queued ?? throw new InvalidOperationException($"the host publishes no {SubmissionGroupCommit.QueuedInstrument} gauge");
    }

    private async Task AssertAuditChainIntactAsync()
    {
        await using var context = ServiceDatabase.CreateContext<IntakeDbContext>(_host.Service.ConnectionString, ServiceIdentity.Intake);
        var report = await AuditTrail.VerifyAsync(context);
        Assert.True(report.IsIntact, report.Problem);
    }

    private async Task<List<string>> ColumnAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_host.Service.AdminConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(sql, connection);
        await using var reader = await query.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task ExecuteAsAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_host.Service.AdminConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, sql);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
