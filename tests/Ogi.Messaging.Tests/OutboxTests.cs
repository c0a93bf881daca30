using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Messaging.Persistence;
using Ogi.BuildingBlocks.Testing;
using Ogi.Messaging.Tests.Events;

namespace Ogi.Messaging.Tests;

/// <summary>The outbox half that runs inside the producer's own transaction.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class OutboxTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly EventsOptions Options = new() { Peers = { ["secrecy-review"] = "http://127.0.0.1:1", ["assessment"] = "http://127.0.0.1:2" } };
    private readonly Outbox _outbox = new(Options, TimeProvider.System);
    private MessagingDatabase _db = null!;

    public async Task InitializeAsync() => _db = await MessagingDatabase.CreateAsync(postgres, "outbox");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_event_commits_and_rolls_back_with_the_state_change_that_caused_it()
    {
        await using (var db = _db.IntakeContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AuditEntries.Add(new AuditEntry { OccurredAt = DateTimeOffset.UtcNow, Actor = "a", Action = "x", AggregateType = "Case", AggregateId = "rolled-back", Outcome = "ok" });
            _outbox.Add(db, Topics.Intake, "rolled-back", new CaseStepped { CaseId = "rolled-back", Step = 1 });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await _db.ScalarAsync(_db.Intake, "SELECT count(*) FROM outbox_events"));

        using var cause = new Activity("causing call").SetIdFormat(ActivityIdFormat.W3C).Start();
        var id = (await _db.CommitAsync(_outbox, (Topics.Intake, "kept", new CaseStepped { CaseId = "kept", Step = 1 })))[0];
        await using var check = _db.IntakeContext();
        var row = await check.Set<OutboxEvent>().SingleAsync();
        Assert.Equal(id, row.EventId);
        Assert.Equal("ogi.messaging.tests.v1.CaseStepped", row.Type);
        Assert.Equal(Topics.Intake, row.Topic);
        Assert.Equal("kept", row.AggregateId);
        Assert.Equal(cause.Id, row.Traceparent);
        Assert.Equal(new CaseStepped { CaseId = "kept", Step = 1 }, CaseStepped.Parser.ParseFrom(row.Payload));
        Assert.Null(row.PublishedAt);
        // One delivery per configured peer: a peer that is down later holds back only its own row.
        Assert.Equal(["assessment", "secrecy-review"], await check.Set<OutboxDelivery>().Select(d => d.Subscriber).OrderBy(s => s).ToListAsync());
    }

    [Fact]
    public async Task Each_aggregate_numbers_its_events_in_commit_order()
    {
        await _db.CommitAsync(_outbox,
            (Topics.Intake, "a", new CaseStepped { Step = 1 }), (Topics.Intake, "b", new CaseStepped { Step = 1 }), (Topics.Intake, "a", new CaseStepped { Step = 2 }));
        await _db.CommitAsync(_outbox, (Topics.Intake, "a", new CaseStepped { Step = 3 }));

        await using var db = _db.IntakeContext();
        var rows = await db.Set<OutboxEvent>().OrderBy(e => e.AggregateId).ThenBy(e => e.Sequence).ToListAsync();
        Assert.Equal([("a", 1L, 1), ("a", 2L, 2), ("a", 3L, 3), ("b", 1L, 1)],
            rows.Select(r => (r.AggregateId, r.Sequence, CaseStepped.Parser.ParseFrom(r.Payload).Step)).ToList());

        // Many events of a few aggregates in one unit of work keep the order they were added in.
        await _db.CommitAsync(_outbox, Enumerable.Range(1, 60).Select(i => Step($"many-{i % 3}", i)).ToArray());
        foreach (var aggregate in new[] { "many-0", "many-1", "many-2" })
        {
            var steps = await db.Set<OutboxEvent>().Where(e => e.AggregateId == aggregate).OrderBy(e => e.Sequence).Select(e => e.Payload).ToListAsync();
            var inOrder = steps.Select(p => CaseStepped.Parser.ParseFrom(p).Step).ToList();
            Assert.Equal(inOrder.Order().ToList(), inOrder);
        }
    }

    private static (string, string, Google.Protobuf.IMessage) Step(string caseId, int step) => (Topics.Intake, caseId, new CaseStepped { CaseId = caseId, Step = step });

    [Fact]
    public async Task Two_uncommitted_writers_on_one_aggregate_cannot_take_the_same_sequence()
    {
        await using var first = _db.IntakeContext();
        await using var firstTransaction = await first.Database.BeginTransactionAsync();
        _outbox.Add(first, Topics.Intake, "raced", new CaseStepped { Step = 1 });
        await first.SaveChangesAsync();

        await using var second = _db.IntakeContext();
        _outbox.Add(second, Topics.Intake, "raced", new CaseStepped { Step = 2 });
        var saving = second.SaveChangesAsync();
        // Commit the first only once the second is blocked on its uncommitted row (else the second simply sees it).
        while (await _db.ScalarAsync(_db.Admin, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
        {
            Assert.False(saving.IsCompleted, "the second writer should wait for the first");
            await Task.Delay(20);
        }

        await firstTransaction.CommitAsync();
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => saving);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public async Task With_no_subscriber_configured_an_event_is_born_published_so_retention_removes_it()
    {
        var lonely = new Outbox(new EventsOptions(), TimeProvider.System);
        await _db.CommitAsync(lonely, (Topics.Intake, "alone", new CaseStepped { Step = 1 }));
        Assert.Equal(1, await _db.ScalarAsync(_db.Intake, "SELECT count(*) FROM outbox_events WHERE published_at IS NOT NULL"));
        Assert.Equal(0, await _db.ScalarAsync(_db.Intake, "SELECT count(*) FROM outbox_deliveries"));
    }
}
