using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Messaging.Receiving;
using Ogi.BuildingBlocks.Testing;
using Ogi.Messaging.Tests.Events;
using Ogi.SecrecyReview.Persistence;
using Google.Protobuf;

namespace Ogi.Messaging.Tests;

/// <summary>The receiving path both modes share (what AppCallback.OnTopicEvent calls): inbox, drop, retry, dead letter.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class InboxTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int MaxAttempts = 3;
    private MessagingDatabase _db = null!;
    private ServiceProvider _consumer = null!;
    private EventDispatcher<SecrecyReviewDbContext> _dispatcher = null!;

    public async Task InitializeAsync()
    {
        _db = await MessagingDatabase.CreateAsync(postgres, "inbox");
        _consumer = _db.ConsumerServices(new EventsOptions { MaxHandlerAttempts = MaxAttempts, Peers = { ["intake"] = "http://127.0.0.1:1" } }, Topics.Intake);
        _dispatcher = _consumer.GetRequiredService<EventDispatcher<SecrecyReviewDbContext>>();
    }

    public async Task DisposeAsync() => await _consumer.DisposeAsync();

    private static IncomingEvent Incoming(IMessage message, Guid? id = null, string topic = Topics.Intake) =>
        new((id ?? Guid.NewGuid()).ToString(), "intake", topic, message.Descriptor.FullName, message.ToByteArray(), null);

    [Fact]
    public async Task The_same_event_delivered_many_times_and_concurrently_is_applied_once()
    {
        var incoming = Incoming(new CaseStepped { CaseId = "dup", Step = 7 });
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _dispatcher.DispatchAsync(incoming, default)));
        Assert.All(outcomes, o => Assert.Equal(HandlingOutcome.Success, o));
        Assert.Equal(HandlingOutcome.Success, await _dispatcher.DispatchAsync(incoming, default));
        Assert.Equal([7], await _db.AppliedStepsAsync("dup"));
        Assert.Equal(1, await _db.ScalarAsync(_db.SecrecyReview, $"SELECT count(*) FROM inbox_events WHERE event_id = '{incoming.Id}'"));
    }

    [Fact]
    public async Task Unknown_types_topics_and_unreadable_payloads_are_dropped_without_effect()
    {
        Assert.Equal(HandlingOutcome.Drop, await _dispatcher.DispatchAsync(Incoming(new Unheard { Note = "x" }), default));
        Assert.Equal(HandlingOutcome.Drop, await _dispatcher.DispatchAsync(Incoming(new CaseStepped { CaseId = "t" }, topic: "elsewhere"), default));
        Assert.Equal(HandlingOutcome.Drop, await _dispatcher.DispatchAsync(
            new IncomingEvent(Guid.NewGuid().ToString(), "intake", Topics.Intake, CaseStepped.Descriptor.FullName, new byte[] { 0xff, 0xff, 0xff }, null), default));
        Assert.Equal(HandlingOutcome.Drop, await _dispatcher.DispatchAsync(Incoming(new CaseStepped { CaseId = "t" }) with { Id = "not-a-uuid" }, default));
        Assert.Equal(0, await _db.ScalarAsync(_db.SecrecyReview, "SELECT count(*) FROM inbox_events"));
        Assert.Empty(await _db.AppliedStepsAsync("t"));
    }

    [Fact]
    public async Task A_failing_handler_is_retried_then_dead_lettered_and_its_partial_changes_never_commit()
    {
        var id = Guid.NewGuid();
        var poison = Incoming(new PoisonPill { CaseId = "poison" }, id);
        for (var attempt = 1; attempt < MaxAttempts; attempt++)
        {
            Assert.Equal(HandlingOutcome.Retry, await _dispatcher.DispatchAsync(poison, default));
        }

        Assert.Equal(0, await _db.ScalarAsync(_db.SecrecyReview, "SELECT count(*) FROM dead_letters"));
        Assert.Equal(HandlingOutcome.Success, await _dispatcher.DispatchAsync(poison, default));

        await using var db = _db.ReviewContext();
        var dead = Assert.Single(await db.ListDeadLettersAsync());
        Assert.Equal(id, dead.EventId);
        Assert.Equal(MaxAttempts, dead.Attempts);
        Assert.Equal(PoisonPill.Descriptor.FullName, dead.Type);
        Assert.Contains("poison pill", dead.LastError, StringComparison.Ordinal);
        Assert.Equal(new PoisonPill { CaseId = "poison" }, PoisonPill.Parser.ParseFrom(dead.Payload));
        // Republished to the dead-letter topic through the consumer's own outbox, in the same transaction.
        Assert.Equal(1, await _db.ScalarAsync(_db.SecrecyReview, $"SELECT count(*) FROM outbox_events WHERE topic = 'deadletter' AND aggregate_id = '{id}'"));
        Assert.Equal(0, await _db.ScalarAsync(_db.SecrecyReview, "SELECT count(*) FROM inbox_failures"));
        Assert.Equal(0, await _db.ScalarAsync(_db.SecrecyReview, "SELECT count(*) FROM audit_entries WHERE outcome = 'half-done'"));

        // Acknowledged for good: a later redelivery is a no-op.
        Assert.Equal(HandlingOutcome.Success, await _dispatcher.DispatchAsync(poison, default));
        Assert.Equal(1, await _db.ScalarAsync(_db.SecrecyReview, "SELECT count(*) FROM dead_letters"));
    }

    [Fact]
    public void Subscriptions_list_the_declared_topics_and_refuse_a_second_handler_for_one_type()
    {
        var subscriptions = _consumer.GetRequiredService<EventSubscriptions<SecrecyReviewDbContext>>();
        Assert.Equal([Topics.Intake], subscriptions.Topics);
        Assert.Throws<InvalidOperationException>(() => subscriptions.Subscribe<CaseStepped>(Topics.Intake, (_, _, _) => Task.CompletedTask));
    }
}
