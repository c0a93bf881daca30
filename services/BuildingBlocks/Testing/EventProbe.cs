using System.Collections.Concurrent;
using System.Net;
using Dapr.Proto.Runtime.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Grpc.Server;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Messaging;

namespace Ogi.BuildingBlocks.Testing;

/// <summary>One event the probe received, as the relay delivered it.</summary>
public sealed record ReceivedEvent(string Id, string Topic, string Type, ByteString Data);

/// <summary>
/// A subscriber of every topic on a loopback port, serving dapr.proto.runtime.v1.AppCallback like a real service: a
/// service under test lists it as a peer (Events:Peers:probe), so its relay delivers every event it publishes here.
/// </summary>
public sealed class EventProbe : AppCallback.AppCallbackBase, IAsyncDisposable
{
    /// <summary>The peer name the service under test knows the probe by.</summary>
    public const string PeerName = "probe";

    private static readonly string[] AllTopics =
        [Topics.Intake, Topics.SecrecyReview, Topics.Coordination, Topics.Assessment, Topics.Accountability, Topics.Decisions];

    private readonly ConcurrentQueue<ReceivedEvent> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private WebApplication? _app;

    public string Address { get; private set; } = "";

    /// <summary>Everything received so far, in arrival order (a redelivery appears twice).</summary>
    public IReadOnlyList<ReceivedEvent> Received => [.. _received];

    public static async Task<EventProbe> StartAsync()
    {
        var probe = new EventProbe();
        OgiHost.ReadConfigurationOnce();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpcServer();
        builder.Services.AddSingleton(probe);
        var app = builder.Build();
        app.MapGrpcService<EventProbe>();
        await app.StartAsync();
        probe._app = app;
        probe.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        return probe;
    }

    /// <summary>The events of type <typeparamref name="T"/> received so far (on <paramref name="topic"/> when given), distinct by event id.</summary>
    public IReadOnlyList<T> All<T>(string? topic = null)
        where T : IMessage<T>, new()
    {
        var type = new T().Descriptor.FullName;
        var parser = new MessageParser<T>(() => new T());
        return _received.Where(e => e.Type == type && (topic is null || e.Topic == topic))
            .DistinctBy(e => (e.Id, e.Topic))
            .Select(e => parser.ParseFrom(e.Data))
            .ToList();
    }

    /// <summary>Waits until an event of type <typeparamref name="T"/> matching <paramref name="match"/> arrives (default 15 s) and returns it.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, string? topic = null, TimeSpan? timeout = null)
        where T : IMessage<T>, new()
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = All<T>(topic).FirstOrDefault(e => match?.Invoke(e) ?? true);
            if (found is not null)
            {
                return found;
            }

            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No {new T().Descriptor.FullName} event{(topic is null ? "" : " on " + topic)} matching the condition arrived; received: "
                    + string.Join(", ", _received.Select(e => $"{e.Topic}:{e.Type}")));
            }

            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public override Task<ListTopicSubscriptionsResponse> ListTopicSubscriptions(Empty request, ServerCallContext context)
    {
        var response = new ListTopicSubscriptionsResponse();
        response.Subscriptions.AddRange(AllTopics.Select(topic => new Dapr.Proto.Common.V1.TopicSubscription { PubsubName = "pubsub", Topic = topic }));
        return Task.FromResult(response);
    }

    public override Task<TopicEventResponse> OnTopicEvent(TopicEventRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        _received.Enqueue(new ReceivedEvent(request.Id, request.Topic, request.Type, request.Data));
        _arrived.Release();
        return Task.FromResult(new TopicEventResponse { Status = TopicEventResponse.Types.TopicEventResponseStatus.Success });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _arrived.Dispose();
    }
}
