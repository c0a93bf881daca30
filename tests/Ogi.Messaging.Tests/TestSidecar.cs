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
using Ogi.BuildingBlocks.Grpc.Client;
using Ogi.BuildingBlocks.Grpc.Server;
using DaprApi = Dapr.Proto.Runtime.V1.Dapr;

namespace Ogi.Messaging.Tests;

/// <summary>
/// Stands in for daprd on a loopback port: serves <c>Dapr/PublishEvent</c>, keeps what was published (the raw
/// request bytes too, so the test can read them with Dapr's field numbers), and delivers each event to the app's
/// AppCallback the way daprd does with app-protocol grpc, retrying while the app answers RETRY.
/// </summary>
public sealed class TestSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _appChannel;
    private readonly AppCallback.AppCallbackClient _appCallback;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _delivering;

    private TestSidecar(WebApplication app, string appAddress)
    {
        _app = app;
        Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        _appChannel = GrpcChannel.ForAddress(appAddress);
        _appCallback = new AppCallback.AppCallbackClient(_appChannel);
        _delivering = Task.Run(DeliverAsync);
    }

    public int Port { get; }

    /// <summary>Each PublishEvent request as received, serialised again: the bytes daprd would decode.</summary>
    public ConcurrentQueue<byte[]> Published => State.Published;

    /// <summary>traceparent gRPC headers of the PublishEvent calls.</summary>
    public ConcurrentQueue<string> PublishTraceparents => State.Traceparents;

    private Inbox State => _app.Services.GetRequiredService<Inbox>();

    public static async Task<TestSidecar> StartAsync(string appAddress, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpcServer();
        builder.Services.AddSingleton<Inbox>();
        builder.Services.AddSingleton<PublishService>();
        var app = builder.Build();
        app.MapGrpcService<PublishService>();
        await app.StartAsync();
        return new TestSidecar(app, appAddress);
    }

    /// <summary>What daprd asks the app at start: its subscriptions.</summary>
    public async Task<List<(string PubsubName, string Topic)>> SubscriptionsAsync() =>
        (await _appCallback.ListTopicSubscriptionsAsync(new Empty())).Subscriptions.Select(s => (s.PubsubName, s.Topic)).ToList();

    private async Task DeliverAsync()
    {
        var queue = State.Queue;
        while (!_stopping.IsCancellationRequested)
        {
            if (!queue.TryDequeue(out var published))
            {
                await Task.Delay(10);
                continue;
            }

            // The CloudEvent daprd builds from the publish request: our metadata overrides its defaults.
            var request = new TopicEventRequest
            {
                Id = published.Metadata["cloudevent.id"],
                Source = published.Metadata["cloudevent.source"],
                Type = published.Metadata["cloudevent.type"],
                SpecVersion = "1.0",
                DataContentType = published.DataContentType,
                Data = published.Data,
                Topic = published.Topic,
                PubsubName = published.PubsubName,
                Extensions = new Struct { Fields = { ["traceparent"] = Value.ForString(published.Metadata.GetValueOrDefault("cloudevent.traceparent", "")) } },
            };
            try
            {
                var answer = await _appCallback.OnTopicEventAsync(request, cancellationToken: _stopping.Token);
                if (answer.Status == TopicEventResponse.Types.TopicEventResponseStatus.Retry)
                {
                    queue.Enqueue(published);
                }
            }
            catch (RpcException)
            {
                queue.Enqueue(published);
                await Task.Delay(50);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _delivering;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _appChannel.Dispose();
        _stopping.Dispose();
    }

    private sealed class Inbox
    {
        public ConcurrentQueue<byte[]> Published { get; } = new();

        public ConcurrentQueue<string> Traceparents { get; } = new();

        public ConcurrentQueue<PublishEventRequest> Queue { get; } = new();
    }

    private sealed class PublishService(Inbox inbox) : DaprApi.DaprBase
    {
        public override Task<Empty> PublishEvent(PublishEventRequest request, ServerCallContext context)
        {
            inbox.Published.Enqueue(request.ToByteArray());
            if (context.RequestHeaders.GetValue("traceparent") is { } traceparent)
            {
                inbox.Traceparents.Enqueue(traceparent);
            }

            inbox.Queue.Enqueue(request);
            return Task.FromResult(new Empty());
        }
    }
}
