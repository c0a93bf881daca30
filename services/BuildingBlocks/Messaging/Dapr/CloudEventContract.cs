namespace Ogi.BuildingBlocks.Messaging.Dapr;

/// <summary>The CloudEvent details both sides of the Dapr contract agree on.</summary>
public static class CloudEventContract
{
    /// <summary>Event bodies are protobuf bytes; the CloudEvent type names the message.</summary>
    public const string ContentType = "application/octet-stream";

    public const string SpecVersion = "1.0";

    /// <summary>PublishEventRequest.metadata keys the sidecar copies into the CloudEvent it builds (Dapr: "cloudevent." prefix overrides).</summary>
    public const string IdMetadata = "cloudevent.id";
    public const string TypeMetadata = "cloudevent.type";
    public const string SourceMetadata = "cloudevent.source";
    public const string TraceparentMetadata = "cloudevent.traceparent";

    /// <summary>Broker partition key (Kafka and others): an aggregate's events share a partition, keeping their order.</summary>
    public const string PartitionKeyMetadata = "partitionKey";

    /// <summary>The CloudEvent extension / gRPC header carrying the W3C trace context.</summary>
    public const string Traceparent = "traceparent";

    /// <summary>Content types accepted as a protobuf body (empty: the sender did not say).</summary>
    public static bool IsProtobuf(string contentType) =>
        contentType.Length == 0 || contentType is ContentType or "application/protobuf" or "application/x-protobuf";
}
