using Dapr.Proto.Runtime.V1;
using Google.Protobuf;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Grpc.Client;
using Ogi.BuildingBlocks.Messaging.Relay;
using DaprApi = Dapr.Proto.Runtime.V1.Dapr;

namespace Ogi.BuildingBlocks.Messaging.Dapr;

/// <summary>
/// Publishes through the Dapr sidecar: <c>Dapr/PublishEvent</c> on 127.0.0.1:DAPR_GRPC_PORT with the protobuf
/// bytes as application/octet-stream and the CloudEvent id, type, source and traceparent in the metadata, so
/// the CloudEvent the sidecar builds carries ours and a redelivered event keeps its id.
/// </summary>
public sealed class DaprTransport : IEventTransport, IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly DaprApi.DaprClient _client;
    private readonly EventsOptions _options;

    public DaprTransport(EventsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{options.ResolveDaprGrpcPort()}");
        _client = new DaprApi.DaprClient(_channel);
    }

    public async Task<DeliveryOutcome> DeliverAsync(string subscriber, OutgoingEvent message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = new PublishEventRequest
        {
            PubsubName = _options.PubsubName,
            Topic = message.Topic,
            Data = ByteString.CopyFrom(message.Payload.Span),
            DataContentType = CloudEventContract.ContentType,
            Metadata =
            {
                [CloudEventContract.IdMetadata] = message.Id.ToString(),
                [CloudEventContract.TypeMetadata] = message.Type,
                [CloudEventContract.SourceMetadata] = message.Source,
                [CloudEventContract.PartitionKeyMetadata] = message.AggregateId,
            },
        };
        Metadata? headers = null;
        if (message.Traceparent is not null)
        {
            request.Metadata[CloudEventContract.TraceparentMetadata] = message.Traceparent;
            headers = new Metadata { { CloudEventContract.Traceparent, message.Traceparent } };
        }

        await _client.PublishEventAsync(request, headers, cancellationToken: cancellationToken);
        return DeliveryOutcome.Delivered;
    }

    public void Dispose() => _channel.Dispose();
}
