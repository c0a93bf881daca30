using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ogi.BuildingBlocks.Messaging;

/// <summary>Spans and instruments of the messaging building block ("Ogi.Messaging").</summary>
public static class MessagingTelemetry
{
    public const string Name = "Ogi.Messaging";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> PublishLatency = Meter.CreateHistogram<double>(
        "ogi.messaging.publish.latency", "ms", "Time from an event's commit to its delivery being acknowledged.");

    public static readonly Counter<long> Published = Meter.CreateCounter<long>(
        "ogi.messaging.published", "{event}", "Deliveries acknowledged by a subscriber or the sidecar.");

    public static readonly Counter<long> Redeliveries = Meter.CreateCounter<long>(
        "ogi.messaging.redeliveries", "{event}", "Delivery attempts that failed or were answered RETRY and will be tried again.");

    public static readonly Counter<long> DeadLetters = Meter.CreateCounter<long>(
        "ogi.messaging.dead_letters", "{event}", "Events whose handler kept failing and were dead-lettered.");

    public static readonly Counter<long> Dropped = Meter.CreateCounter<long>(
        "ogi.messaging.dropped", "{event}", "Events answered DROP (unknown type or unreadable payload).");

    private static long _backlog;

    /// <summary>Pending deliveries in this process's outbox, as the relay last counted them.</summary>
    public static readonly ObservableGauge<long> Backlog = Meter.CreateObservableGauge(
        "ogi.messaging.outbox.backlog", () => Interlocked.Read(ref _backlog), "{delivery}", "Outbox deliveries not yet acknowledged.");

    internal static void SetBacklog(long value) => Interlocked.Exchange(ref _backlog, value);
}
