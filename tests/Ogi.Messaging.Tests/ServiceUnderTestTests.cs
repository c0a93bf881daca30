using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Ogi.Intake.Persistence;
using Ogi.Messaging.Tests.Events;
using static Dapr.Proto.Runtime.V1.TopicEventResponse.Types;

namespace Ogi.Messaging.Tests;

/// <summary>The functional-test harness every service uses: events out to the probe, events in through AppCallback, a settable clock.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ServiceUnderTestTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string CaseId, int Step)> _handled = new();
    private readonly TestClock _clock = new(new DateOnly(2026, 3, 2));
    private ServiceUnderTest<IntakeDbContext> _intake = null!;

    public async Task InitializeAsync() =>
        _intake = await ServiceUnderTest.StartAsync<IntakeDbContext>(postgres, ServiceIdentity.Intake,
            builder => builder.AddEvents<IntakeDbContext>(ServiceIdentity.Intake, events => events.Subscribe<CaseStepped>(Topics.SecrecyReview, (e, _, _) =>
            {
                _handled.Enqueue((e.CaseId, e.Step));
                return Task.CompletedTask;
            })),
            app => app.MapEvents<IntakeDbContext>(),
            services: s => s.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _intake.DisposeAsync();

    [Fact]
    public async Task An_event_the_service_commits_reaches_the_probe_and_only_the_probe_is_a_subscriber()
    {
        await using (var scope = _intake.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            scope.ServiceProvider.GetRequiredService<Outbox>().Add(db, Topics.Intake, "case-1", new CaseStepped { CaseId = "case-1", Step = 7 });
            await db.SaveChangesAsync();
        }

        var received = await _intake.Events.WaitForAsync<CaseStepped>(e => e.CaseId == "case-1", Topics.Intake);
        Assert.Equal(7, received.Step);

        // appsettings.json's make-run peers are switched off: no delivery rows wait for them.
        await using var connection = new NpgsqlConnection(_intake.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT string_agg(DISTINCT subscriber, ',') FROM outbox_deliveries", connection);
        Assert.Equal(EventProbe.PeerName, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_event_delivered_twice_with_one_id_is_handled_once()
    {
        var id = Guid.NewGuid();
        var message = new CaseStepped { CaseId = "twice", Step = 1 };

        Assert.Equal(TopicEventResponseStatus.Success, await _intake.DeliverAsync(Topics.SecrecyReview, message, id));
        Assert.Equal(TopicEventResponseStatus.Success, await _intake.DeliverAsync(Topics.SecrecyReview, message, id));

        Assert.Single(_handled, h => h.CaseId == "twice");
    }

    [Fact]
    public void The_host_reads_the_test_clock()
    {
        _clock.SetDate(new DateOnly(2026, 10, 9));

        Assert.Equal(new DateOnly(2026, 10, 9), _clock.Today);
        Assert.Equal(_clock.GetUtcNow(), _intake.Services.GetRequiredService<TimeProvider>().GetUtcNow());
    }
}
