namespace Ogi.BuildingBlocks.Messaging;

/// <summary>How events leave a service: through the Dapr sidecar, or straight to the peers' AppCallback.</summary>
public enum EventsMode
{
    /// <summary>No sidecar (the <c>make run</c> default): the relay calls each peer's AppCallback itself.</summary>
    Direct,

    /// <summary>Kubernetes: publish to the sidecar (<c>Dapr/PublishEvent</c>); the sidecar calls AppCallback.</summary>
    Dapr,
}

/// <summary>
/// Configuration section "Events" (environment: OGI_Events__Mode=dapr, OGI_Events__Peers__intake=http://127.0.0.1:50051, …).
/// </summary>
public sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>Events:Mode — <c>direct</c> (default) or <c>dapr</c>.</summary>
    public EventsMode Mode { get; set; } = EventsMode.Direct;

    /// <summary>Events:PubsubName — the Dapr pub/sub component name.</summary>
    public string PubsubName { get; set; } = "pubsub";

    /// <summary>Events:DaprGrpcPort — the sidecar's gRPC port; DAPR_GRPC_PORT (set by the sidecar injector) wins, else 50001.</summary>
    public int DaprGrpcPort { get; set; } = 50001;

    /// <summary>
    /// Events:Peers:{service} — base address of each peer's gRPC endpoint, direct mode only. An empty address
    /// switches an inherited peer off (configuration layers can override a key, not remove it).
    /// </summary>
    public Dictionary<string, string> Peers { get; set; } = [];

    /// <summary>The peers with an address.</summary>
    public IReadOnlyDictionary<string, string> ActivePeers =>
        Peers.Where(p => !string.IsNullOrWhiteSpace(p.Value)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>Events:BatchSize — deliveries the relay claims per round.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Events:PollIntervalMs — longest the relay sleeps when nothing wakes it (retries come due, missed notifications).</summary>
    public int PollIntervalMs { get; set; } = 1000;

    /// <summary>Events:HousekeepingIntervalMs — how often the relay purges rows past retention and measures the backlog.</summary>
    public int HousekeepingIntervalMs { get; set; } = 30_000;

    /// <summary>Events:BackoffBaseMs / Events:BackoffMaxMs — retry delay after a failed delivery doubles from base up to max.</summary>
    public int BackoffBaseMs { get; set; } = 250;

    public int BackoffMaxMs { get; set; } = 60_000;

    /// <summary>Events:RetentionHours — how long published outbox rows and handled inbox rows are kept.</summary>
    public double RetentionHours { get; set; } = 24 * 7;

    /// <summary>Events:MaxHandlerAttempts — failures of one event's handler before it is dead-lettered.</summary>
    public int MaxHandlerAttempts { get; set; } = 5;

    /// <summary>Events:DeadLetterTopic — where dead-lettered events are republished.</summary>
    public string DeadLetterTopic { get; set; } = "deadletter";

    /// <summary>Events:DeliveryTimeoutMs — deadline of one PublishEvent / OnTopicEvent call.</summary>
    public int DeliveryTimeoutMs { get; set; } = 10_000;

    /// <summary>Who each new event is delivered to: the sidecar in Dapr mode, every configured peer in direct mode.</summary>
    public IReadOnlyList<string> Subscribers =>
        Mode == EventsMode.Dapr ? [DaprSubscriber] : ActivePeers.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The delivery row name of the sidecar.</summary>
    public const string DaprSubscriber = "dapr";

    internal TimeSpan Backoff(int attempts)
    {
        var delay = BackoffBaseMs * Math.Pow(2, Math.Max(0, attempts - 1));
        return TimeSpan.FromMilliseconds(Math.Min(delay, BackoffMaxMs));
    }

    internal int ResolveDaprGrpcPort() =>
        int.TryParse(Environment.GetEnvironmentVariable("DAPR_GRPC_PORT"), out var port) ? port : DaprGrpcPort;
}
