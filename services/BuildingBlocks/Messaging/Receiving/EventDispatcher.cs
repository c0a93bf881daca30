using System.Diagnostics;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Ogi.BuildingBlocks.Messaging.Persistence;

namespace Ogi.BuildingBlocks.Messaging.Receiving;

/// <summary>An event as it arrives at AppCallback.OnTopicEvent, from the sidecar or straight from a peer's relay.</summary>
public sealed record IncomingEvent(string Id, string Source, string Topic, string Type, ReadOnlyMemory<byte> Data, string? Traceparent);

/// <summary>The answer to the sender, as Dapr's TopicEventResponseStatus.</summary>
public enum HandlingOutcome
{
    /// <summary>Handled now, handled before, or dead-lettered: acknowledge.</summary>
    Success,

    /// <summary>The handler failed and has attempts left: deliver again later.</summary>
    Retry,

    /// <summary>Not ours or unreadable: acknowledge without handling.</summary>
    Drop,
}

/// <summary>
/// The one receiving code path (both modes): find the typed handler, skip events the inbox has seen, run the
/// handler and write the inbox row in one transaction, count failures and dead-letter an event whose handler
/// keeps failing so it does not block the ones behind it.
/// </summary>
public sealed partial class EventDispatcher<TContext>(
    EventSubscriptions<TContext> subscriptions, IServiceScopeFactory scopes, Outbox outbox, EventsOptions options,
    ILogger<EventDispatcher<TContext>> logger, TimeProvider clock)
    where TContext : DbContext
{
    public EventSubscriptions<TContext> Subscriptions => subscriptions;

    public async Task<HandlingOutcome> DispatchAsync(IncomingEvent incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ActivityContext.TryParse(incoming.Traceparent, null, out var producer);
        using var activity = MessagingTelemetry.Source.StartActivity($"{incoming.Topic} process", ActivityKind.Consumer, producer);
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("messaging.destination.name", incoming.Topic);
        activity?.SetTag("messaging.message.id", incoming.Id);
        activity?.SetTag("ogi.messaging.event_type", incoming.Type);
        activity?.SetTag("ogi.messaging.source", incoming.Source);

        var outcome = await HandleAsync(incoming, cancellationToken);
        activity?.SetTag("ogi.messaging.outcome", outcome.ToString());
        return outcome;
    }

    private async Task<HandlingOutcome> HandleAsync(IncomingEvent incoming, CancellationToken cancellationToken)
    {
        if (!subscriptions.TryFind(incoming.Topic, incoming.Type, out var subscription))
        {
            LogUnknown(incoming.Topic, incoming.Type, incoming.Id);
            MessagingTelemetry.Dropped.Add(1, new TagList { { "messaging.destination.name", incoming.Topic } });
            return HandlingOutcome.Drop;
        }

        if (!Guid.TryParse(incoming.Id, out var eventId))
        {
            LogUnreadable(incoming.Topic, incoming.Type, "id is not a UUID");
            MessagingTelemetry.Dropped.Add(1, new TagList { { "messaging.destination.name", incoming.Topic } });
            return HandlingOutcome.Drop;
        }

        IMessage message;
        try
        {
            // From an array (a coded stream), not a span: events nesting google.type.Date from the old-protoc
            // CommonProtos package parse only that way.
            message = subscription.Parser.ParseFrom(incoming.Data.ToArray());
        }
        catch (InvalidProtocolBufferException)
        {
            LogUnreadable(incoming.Topic, incoming.Type, "payload is not a " + incoming.Type);
            MessagingTelemetry.Dropped.Add(1, new TagList { { "messaging.destination.name", incoming.Topic } });
            return HandlingOutcome.Drop;
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            if (await db.Set<InboxEvent>().AnyAsync(i => i.EventId == eventId, cancellationToken))
            {
                return HandlingOutcome.Success; // Redelivery of an event already applied.
            }

            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await subscription.Handle(message, new HandlerContext<TContext>(db, eventId, incoming.Topic, scope.ServiceProvider), cancellationToken);
                db.Add(new InboxEvent { EventId = eventId, Topic = incoming.Topic, Type = incoming.Type, HandledAt = clock.GetUtcNow() });
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken); // Failure counts of handled events are purged by the relay's housekeeping.
                return HandlingOutcome.Success;
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: MessagingTables.InboxEvents })
            {
                return HandlingOutcome.Success; // A concurrent delivery of the same event won; its effect stands.
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return await RecordFailureAsync(incoming, eventId, e, cancellationToken);
            }
        }
    }

    /// <summary>Counts the failure in its own transaction; at the limit, parks the event and republishes it to the dead-letter topic.</summary>
    private async Task<HandlingOutcome> RecordFailureAsync(IncomingEvent incoming, Guid eventId, Exception error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var description = $"{error.GetType().Name}: {error.Message}";
        var failure = await db.Set<InboxFailure>().FirstOrDefaultAsync(f => f.EventId == eventId, cancellationToken);
        if (failure is null)
        {
            failure = new InboxFailure { EventId = eventId, LastError = description };
            db.Add(failure);
        }

        failure.Attempts++;
        failure.LastError = description;
        failure.LastFailedAt = now;
        LogHandlerFailed(incoming.Topic, incoming.Type, incoming.Id, failure.Attempts, error.GetType().Name);
        if (failure.Attempts < options.MaxHandlerAttempts)
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return HandlingOutcome.Retry;
        }

        db.Remove(failure);
        db.Add(new DeadLetter
        {
            EventId = eventId,
            Topic = incoming.Topic,
            Type = incoming.Type,
            Payload = incoming.Data.ToArray(),
            Traceparent = incoming.Traceparent,
            Attempts = failure.Attempts,
            LastError = description,
            DeadLetteredAt = now,
        });
        db.Add(new InboxEvent { EventId = eventId, Topic = incoming.Topic, Type = incoming.Type, HandledAt = now });
        outbox.Add(db, options.DeadLetterTopic, eventId.ToString(), incoming.Type, incoming.Data.ToArray(), incoming.Traceparent);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        MessagingTelemetry.DeadLetters.Add(1, new TagList { { "messaging.destination.name", incoming.Topic } });
        LogDeadLettered(incoming.Topic, incoming.Type, incoming.Id, failure.Attempts, options.DeadLetterTopic);
        return HandlingOutcome.Success;
    }

    // No payload in any log line: events can carry personal data. Debug: a topic carries types a subscriber does not
    // handle (in direct mode every peer receives every event), so a warning per event would drown the real ones.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped event {EventId} on {Topic}: no handler for type {Type}")]
    private partial void LogUnknown(string topic, string type, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped unreadable {Type} event on {Topic}: {Reason}")]
    private partial void LogUnreadable(string topic, string type, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler for {Type} event {EventId} on {Topic} failed (attempt {Attempt}, {Error})")]
    private partial void LogHandlerFailed(string topic, string type, string eventId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dead-lettered {Type} event {EventId} from {Topic} after {Attempts} attempts to {DeadLetterTopic}")]
    private partial void LogDeadLettered(string topic, string type, string eventId, int attempts, string deadLetterTopic);
}
