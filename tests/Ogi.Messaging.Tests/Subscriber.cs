using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ogi.BuildingBlocks.Grpc.Server;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Messaging.Dapr;
using Ogi.BuildingBlocks.Messaging.Relay;
using Ogi.SecrecyReview.Persistence;

namespace Ogi.Messaging.Tests;

/// <summary>
/// secrecy-review as a subscriber of intake's topic: a real Kestrel on a loopback port serving
/// dapr.proto.runtime.v1.AppCallback, which a test can stop and start again on the same port.
/// </summary>
public sealed class Subscriber : IAsyncDisposable
{
    public const string OnTopicEventPath = "/dapr.proto.runtime.v1.AppCallback/OnTopicEvent";

    private readonly ConcurrentDictionary<string, bool> _held = new();
    private readonly List<IDisposable> _transports = [];
    private readonly MessagingDatabase _db;
    private readonly EventsOptions _options;
    private WebApplication? _app;
    private int _port;
    private int _calls;

    private Subscriber(MessagingDatabase db, EventsOptions options)
    {
        _db = db;
        _options = options;
    }

    public string Address => $"http://127.0.0.1:{_port}";

    /// <summary>OnTopicEvent calls received.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public static async Task<Subscriber> StartAsync(MessagingDatabase db, EventsOptions options)
    {
        var subscriber = new Subscriber(db, options);
        await subscriber.StartAgainAsync();
        return subscriber;
    }

    public async Task StartAgainAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, _port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpcServer();
        _db.AddConsumer(builder.Services, _options, Topics.Intake, _held.ContainsKey);
        builder.Services.AddSingleton<AppCallbackService<SecrecyReviewDbContext>>();
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == OnTopicEventPath)
            {
                Interlocked.Increment(ref _calls);
            }

            await next(context);
        });
        app.MapGrpcService<AppCallbackService<SecrecyReviewDbContext>>();
        await app.StartAsync();
        _port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>The handler fails for <paramref name="caseId"/> until <see cref="Release"/>.</summary>
    public void Hold(string caseId) => _held[caseId] = true;

    public void Release(string caseId) => _held.TryRemove(caseId, out _);

    /// <summary>The producer's side: direct delivery to this subscriber's AppCallback, as in <c>make run</c>.</summary>
    public IEventTransport TransportFor(EventsOptions producer)
    {
        var transport = new DirectTransport(producer, NullLogger<DirectTransport>.Instance, TimeProvider.System);
        _transports.Add(transport);
        return transport;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var transport in _transports)
        {
            transport.Dispose();
        }
    }
}
