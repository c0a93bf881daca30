using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Messaging.Receiving;
using Ogi.BuildingBlocks.Messaging.Relay;
using Ogi.SecrecyReview.Persistence;

namespace Ogi.Messaging.Tests;

/// <summary>secrecy-review as a subscriber of intake's topic, which a test can take down and bring back.</summary>
public sealed class Subscriber : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, bool> _held = new();
    private readonly ServiceProvider _services;
    private volatile bool _up = true;
    private int _calls;

    private Subscriber(MessagingDatabase db, EventsOptions options)
    {
        _services = db.ConsumerServices(options, Topics.Intake, _held.ContainsKey);
    }

    public string Address => "in-process";

    /// <summary>OnTopicEvent calls received.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public static Task<Subscriber> StartAsync(MessagingDatabase db, EventsOptions options) => Task.FromResult(new Subscriber(db, options));

    public Task StopAsync()
    {
        _up = false;
        return Task.CompletedTask;
    }

    public Task StartAgainAsync()
    {
        _up = true;
        return Task.CompletedTask;
    }

    /// <summary>The handler fails for <paramref name="caseId"/> until <see cref="Release"/>.</summary>
    public void Hold(string caseId) => _held[caseId] = true;

    public void Release(string caseId) => _held.TryRemove(caseId, out _);

    public IEventTransport TransportFor(EventsOptions producer) => new InProcess(this);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private sealed class InProcess(Subscriber subscriber) : IEventTransport
    {
        public async Task<DeliveryOutcome> DeliverAsync(string name, OutgoingEvent message, CancellationToken cancellationToken)
        {
            if (!subscriber._up)
            {
                throw new HttpRequestException("connection refused");
            }

            Interlocked.Increment(ref subscriber._calls);
            var dispatcher = subscriber._services.GetRequiredService<EventDispatcher<SecrecyReviewDbContext>>();
            var outcome = await dispatcher.DispatchAsync(
                new IncomingEvent(message.Id.ToString(), message.Source, message.Topic, message.Type, message.Payload, message.Traceparent), cancellationToken);
            return outcome == HandlingOutcome.Retry ? DeliveryOutcome.Retry : DeliveryOutcome.Delivered;
        }
    }
}
