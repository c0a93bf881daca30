using System.Diagnostics;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Messaging.Persistence;

namespace Ogi.BuildingBlocks.Messaging;

/// <summary>
/// Adds events to the service's outbox inside the caller's unit of work: call <see cref="Add"/> before the
/// SaveChanges that commits the state change, and the event commits (or rolls back) with it.
/// </summary>
public sealed class Outbox(EventsOptions options, TimeProvider clock)
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
        var id = EventIds.Next(now);
        var subscribers = options.Subscribers;
        db.Add(new OutboxEvent
        {
            EventId = id,
            Topic = topic,
            Type = type,
            AggregateId = aggregateId,
            Traceparent = traceparent is not null && traceparent.StartsWith("00-", StringComparison.Ordinal) ? traceparent : null,
            Payload = payload,
            CreatedAt = now,
            // Nobody to deliver to (no peers configured): born published, so retention still removes it.
            PublishedAt = subscribers.Count == 0 ? now : null,
        });
        foreach (var subscriber in subscribers)
        {
            db.Add(new OutboxDelivery { EventId = id, Subscriber = subscriber, NextAttemptAt = now });
        }

        return id;
    }
}
