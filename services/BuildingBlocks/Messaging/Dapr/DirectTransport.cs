using System.Collections.Concurrent;
using Dapr.Proto.Runtime.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Grpc.Client;
using Ogi.BuildingBlocks.Identity.Tokens;
using Ogi.BuildingBlocks.Messaging.Relay;

namespace Ogi.BuildingBlocks.Messaging.Dapr;

/// <summary>
/// Delivery without a sidecar: plays the sidecar's part towards each configured peer, asking its
/// <c>AppCallback/ListTopicSubscriptions</c> what it subscribes to (remembered for a short while) and calling
/// its <c>AppCallback/OnTopicEvent</c> with the CloudEvent the sidecar would have built.
/// </summary>
public sealed partial class DirectTransport : IEventTransport, IDisposable
{
    /// <summary>How long a peer's subscription list is trusted before it is asked again.</summary>
    private static readonly TimeSpan SubscriptionsLifetime = TimeSpan.FromSeconds(30);


    private readonly EventsOptions _options;
    private readonly string? _appApiToken;
    private readonly ILogger<DirectTransport> _logger;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, (GrpcChannel Channel, AppCallback.AppCallbackClient Client)> _peers;
    private readonly ConcurrentDictionary<string, (HashSet<string> Topics, DateTimeOffset Until)> _subscriptions = new();

    public DirectTransport(EventsOptions options, ILogger<DirectTransport> logger, TimeProvider clock, AppApiToken? appApiToken = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _appApiToken = appApiToken?.Value;
        _logger = logger;
        _clock = clock;
        _peers = options.ActivePeers.ToDictionary(p => p.Key, p =>
        {
            var channel = GrpcChannel.ForAddress(p.Value);
            return (channel, new AppCallback.AppCallbackClient(channel));
        });
    }

    private Metadata SidecarHeaders() => _appApiToken is null ? [] : new Metadata { { AppApiToken.Header, _appApiToken } };

    public async Task<DeliveryOutcome> DeliverAsync(string subscriber, OutgoingEvent message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_peers.TryGetValue(subscriber, out var peer))
        {
            // Rows written while this peer was configured: nobody to send them to any more.
            LogUnknownPeer(subscriber, message.Id);
            return DeliveryOutcome.NotSubscribed;
        }

        var topics = await SubscribedTopicsAsync(subscriber, peer.Client, cancellationToken);
        if (!topics.Contains(message.Topic))
        {
            return DeliveryOutcome.NotSubscribed;
        }

        var request = new TopicEventRequest
        {
            Id = message.Id.ToString(),
            Source = message.Source,
            Type = message.Type,
            SpecVersion = CloudEventContract.SpecVersion,
            DataContentType = CloudEventContract.ContentType,
            Data = ByteString.CopyFrom(message.Payload.Span),
            Topic = message.Topic,
            PubsubName = _options.PubsubName,
        };
        // Present ourselves as the sidecar would: with the app API token the receiving AppCallback checks.
        var headers = SidecarHeaders();
        if (message.Traceparent is not null)
        {
            request.Extensions = new Struct { Fields = { [CloudEventContract.Traceparent] = Value.ForString(message.Traceparent) } };
            headers.Add(CloudEventContract.Traceparent, message.Traceparent);
        }

        var response = await peer.Client.OnTopicEventAsync(request, headers, cancellationToken: cancellationToken);
        return response.Status switch
        {
            TopicEventResponse.Types.TopicEventResponseStatus.Retry => DeliveryOutcome.Retry,
            // SUCCESS, and DROP (the subscriber has logged why): either way the event is done with.
            _ => DeliveryOutcome.Delivered,
        };
    }

    private async Task<HashSet<string>> SubscribedTopicsAsync(string subscriber, AppCallback.AppCallbackClient client, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (_subscriptions.TryGetValue(subscriber, out var known) && known.Until > now)
        {
            return known.Topics;
        }

        var response = await client.ListTopicSubscriptionsAsync(new Empty(), SidecarHeaders(), cancellationToken: cancellationToken);
        var topics = response.Subscriptions.Where(s => s.PubsubName == _options.PubsubName).Select(s => s.Topic).ToHashSet(StringComparer.Ordinal);
        _subscriptions[subscriber] = (topics, now + SubscriptionsLifetime);
        return topics;
    }

    public void Dispose()
    {
        foreach (var (channel, _) in _peers.Values)
        {
            channel.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox delivery {EventId} is for {Subscriber}, which is no longer among Events:Peers; skipped")]
    private partial void LogUnknownPeer(string subscriber, Guid eventId);
}
