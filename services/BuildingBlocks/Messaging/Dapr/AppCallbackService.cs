using Dapr.Proto.Common.V1;
using Dapr.Proto.Runtime.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Messaging.Receiving;

namespace Ogi.BuildingBlocks.Messaging.Dapr;

/// <summary>
/// dapr.proto.runtime.v1.AppCallback: what the Dapr sidecar (app-protocol grpc) and, without a sidecar, the
/// producers' relays call. Subscriptions come from the handlers the service declared; events go to the dispatcher.
/// </summary>
public sealed partial class AppCallbackService<TContext>(EventDispatcher<TContext> dispatcher, EventsOptions options, ILogger<AppCallbackService<TContext>> logger)
    : AppCallback.AppCallbackBase
    where TContext : DbContext
{
    public override Task<ListTopicSubscriptionsResponse> ListTopicSubscriptions(Empty request, ServerCallContext context)
    {
        var response = new ListTopicSubscriptionsResponse();
        response.Subscriptions.AddRange(dispatcher.Subscriptions.Topics.Select(topic => new TopicSubscription { PubsubName = options.PubsubName, Topic = topic }));
        return Task.FromResult(response);
    }

    public override async Task<TopicEventResponse> OnTopicEvent(TopicEventRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (!CloudEventContract.IsProtobuf(request.DataContentType))
        {
            LogWrongContentType(request.Topic, request.Type, request.DataContentType);
            return Answer(HandlingOutcome.Drop);
        }

        var traceparent = request.Extensions?.Fields.TryGetValue(CloudEventContract.Traceparent, out var value) == true
            ? value.StringValue
            : context.RequestHeaders.GetValue(CloudEventContract.Traceparent);
        var incoming = new IncomingEvent(request.Id, request.Source, request.Topic, request.Type, request.Data.Memory, traceparent);
        return Answer(await dispatcher.DispatchAsync(incoming, context.CancellationToken));
    }

    private static TopicEventResponse Answer(HandlingOutcome outcome) => new()
    {
        Status = outcome switch
        {
            HandlingOutcome.Success => TopicEventResponse.Types.TopicEventResponseStatus.Success,
            HandlingOutcome.Retry => TopicEventResponse.Types.TopicEventResponseStatus.Retry,
            _ => TopicEventResponse.Types.TopicEventResponseStatus.Drop,
        },
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Type} event on {Topic}: content type {ContentType} is not protobuf")]
    private partial void LogWrongContentType(string topic, string type, string contentType);
}
