using System.Diagnostics;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Messaging.Persistence;
using Ogi.BuildingBlocks.Messaging.Relay;

namespace Ogi.BuildingBlocks.Messaging;

/// <summary>
/// Adds events to the service's outbox inside the caller's unit of work: call <see cref="Add"/> before the
/// SaveChanges that commits the state change, and the event commits (or rolls back) with it.
/// </summary>
public sealed class Outbox(IEventTransport transport, TimeProvider clock)
{
    /// <summary>Queues <paramref name="message"/> on <paramref name="topic"/>; returns the event id.</summary>
    public Guid Add(DbContext db, string topic, string aggregateId, IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Add(db, topic, aggregateId, message.Descriptor.FullName, message.ToByteArray(), Activity.Current?.Id);
    }

    internal Guid Add(DbContext db, string topic, string aggregateId, string type, byte[] payload, string? traceparent)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentException.ThrowIfNullOrWhiteSpace(aggregateId);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        db.Add(new OutboxEvent
        {
            EventId = id,
            Topic = topic,
            Type = type,
            AggregateId = aggregateId,
            Traceparent = traceparent is not null && traceparent.StartsWith("00-", StringComparison.Ordinal) ? traceparent : null,
            Payload = payload,
            CreatedAt = now,
        });
        foreach (var subscriber in transport.Subscribers)
        {
            db.Add(new OutboxDelivery { EventId = id, Subscriber = subscriber, NextAttemptAt = now });
        }

        return id;
    }
}
