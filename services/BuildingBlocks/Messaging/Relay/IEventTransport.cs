namespace Ogi.BuildingBlocks.Messaging.Relay;

/// <summary>An event as it leaves the outbox.</summary>
public sealed record OutgoingEvent(Guid Id, string Source, string Topic, string Type, string AggregateId, ReadOnlyMemory<byte> Payload, string? Traceparent);

/// <summary>What became of one delivery attempt.</summary>
public enum DeliveryOutcome
{
    /// <summary>Accepted (by the sidecar, or handled / dropped by the subscriber): done.</summary>
    Delivered,

    /// <summary>The subscriber does not subscribe to the event's topic: done, nothing sent.</summary>
    NotSubscribed,

    /// <summary>Answered RETRY: try again later.</summary>
    Retry,
}

/// <summary>
/// Where the relay sends events: the Dapr sidecar (one subscriber, "dapr") or, without a sidecar, each
/// configured peer's AppCallback. Throwing means the attempt failed and is retried with backoff.
/// </summary>
public interface IEventTransport
{
    Task<DeliveryOutcome> DeliverAsync(string subscriber, OutgoingEvent message, CancellationToken cancellationToken);
}
