using Google.Protobuf;
using Microsoft.EntityFrameworkCore;

namespace Ogi.BuildingBlocks.Messaging.Receiving;

/// <summary>What a handler gets besides the event: the unit of work its changes (and the inbox row) commit in.</summary>
public sealed class HandlerContext<TContext>(TContext db, Guid eventId, string topic, IServiceProvider services)
    where TContext : DbContext
{
    /// <summary>Make changes here and do not commit: the dispatcher saves them with the inbox row in one transaction.</summary>
    public TContext Db { get; } = db;

    public Guid EventId { get; } = eventId;

    public string Topic { get; } = topic;

    /// <summary>The scope the handling runs in.</summary>
    public IServiceProvider Services { get; } = services;
}

/// <summary>
/// The events a service handles, declared once at start-up (<c>events.Subscribe&lt;ReviewConcluded&gt;("secrecy-review", Handle)</c>);
/// <c>ListTopicSubscriptions</c> answers from here and <c>OnTopicEvent</c> dispatches by topic and CloudEvent type.
/// </summary>
public sealed class EventSubscriptions<TContext>
    where TContext : DbContext
{
    private readonly Dictionary<(string Topic, string Type), Subscription> _handlers = [];

    public EventSubscriptions<TContext> Subscribe<TEvent>(string topic, Func<TEvent, HandlerContext<TContext>, CancellationToken, Task> handler)
        where TEvent : IMessage<TEvent>, new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(handler);
        var parser = new MessageParser<TEvent>(() => new TEvent());
        var type = new TEvent().Descriptor.FullName;
        if (!_handlers.TryAdd((topic, type), new Subscription(topic, type, parser, (message, context, ct) => handler((TEvent)message, context, ct))))
        {
            throw new InvalidOperationException($"{type} on topic {topic} already has a handler.");
        }

        return this;
    }

    /// <summary>The distinct topics with at least one handler.</summary>
    public IReadOnlyList<string> Topics => _handlers.Keys.Select(k => k.Topic).Distinct().Order(StringComparer.Ordinal).ToList();

    internal bool TryFind(string topic, string type, out Subscription subscription) =>
        _handlers.TryGetValue((topic, type), out subscription!);

    internal sealed record Subscription(string Topic, string Type, MessageParser Parser, Func<IMessage, HandlerContext<TContext>, CancellationToken, Task> Handle)
    {
        /// <summary>Through a CodedInputStream: span-based parsing refuses nested google.type.Date (Google.Api.CommonProtos 2.0.0 predates IBufferMessage).</summary>
        public IMessage Parse(ReadOnlyMemory<byte> data) =>
            System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data, out var segment)
                ? Parser.ParseFrom(segment.Array!, segment.Offset, segment.Count)
                : Parser.ParseFrom(data.ToArray());
    }
}
