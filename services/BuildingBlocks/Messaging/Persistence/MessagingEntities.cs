namespace Ogi.BuildingBlocks.Messaging.Persistence;

/// <summary>An event waiting in (or published from) the outbox; written in the transaction that caused it.</summary>
public sealed class OutboxEvent
{
    public Guid EventId { get; set; }

    public required string Topic { get; set; }

    /// <summary>The protobuf full name of the payload, sent as the CloudEvent type.</summary>
    public required string Type { get; set; }

    public required string AggregateId { get; set; }

    /// <summary>Position among the aggregate's events; assigned by the database on insert (see <see cref="MessagingMigration"/>).</summary>
    public long Sequence { get; set; }

    /// <summary>W3C traceparent of the call that caused the event, so consumers continue its trace.</summary>
    public string? Traceparent { get; set; }

    public required byte[] Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set once every delivery of the event has succeeded; retention counts from here.</summary>
    public DateTimeOffset? PublishedAt { get; set; }
}

/// <summary>
/// One event's progress towards one subscriber (the Dapr sidecar, or a peer service in direct mode):
/// one subscriber being down delays only its own rows.
/// </summary>
public sealed class OutboxDelivery
{
    public Guid EventId { get; set; }

    public required string Subscriber { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public string? LastError { get; set; }
}

/// <summary>An event this service has handled; its key makes a redelivery a no-op.</summary>
public sealed class InboxEvent
{
    public Guid EventId { get; set; }

    public required string Topic { get; set; }

    public required string Type { get; set; }

    public DateTimeOffset HandledAt { get; set; }
}

/// <summary>How often handling an event has failed so far, kept outside the handler's rolled-back transaction.</summary>
public sealed class InboxFailure
{
    public Guid EventId { get; set; }

    public int Attempts { get; set; }

    public required string LastError { get; set; }

    public DateTimeOffset LastFailedAt { get; set; }
}

/// <summary>An event whose handler kept failing: acknowledged, parked here and republished to the dead-letter topic.</summary>
public sealed class DeadLetter
{
    public Guid EventId { get; set; }

    public required string Topic { get; set; }

    public required string Type { get; set; }

    public required byte[] Payload { get; set; }

    public string? Traceparent { get; set; }

    public int Attempts { get; set; }

    public required string LastError { get; set; }

    public DateTimeOffset DeadLetteredAt { get; set; }
}
