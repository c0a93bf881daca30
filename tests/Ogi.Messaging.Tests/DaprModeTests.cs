using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Messaging.Dapr;
using Ogi.BuildingBlocks.Messaging.Relay;
using Ogi.BuildingBlocks.Testing;
using Ogi.Messaging.Tests.Events;

namespace Ogi.Messaging.Tests;

/// <summary>
/// Dapr mode: intake's relay publishes to a test sidecar over Dapr's gRPC contract, and the sidecar delivers to
/// secrecy-review's AppCallback. The publish request is read back with Dapr's own field numbers.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class DaprModeTests(PostgresFixture postgres) : IAsyncLifetime
{
    private MessagingDatabase _db = null!;
    private Subscriber _subscriber = null!;
    private readonly List<IAsyncDisposable> _cleanup = [];

    public async Task InitializeAsync()
    {
        _db = await MessagingDatabase.CreateAsync(postgres, "dapr");
        _subscriber = await Subscriber.StartAsync(_db, new EventsOptions { Mode = EventsMode.Dapr });
    }

    public async Task DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(_cleanup))
        {
            await item.DisposeAsync();
        }

        await _subscriber.DisposeAsync();
    }

    private EventsOptions ProducerOptions(int sidecarPort) => new()
    {
        Mode = EventsMode.Dapr,
        DaprGrpcPort = sidecarPort,
        PollIntervalMs = 100,
        BackoffBaseMs = 20,
        BackoffMaxMs = 200,
    };

    private async Task StartRelayAsync(EventsOptions options)
    {
        var transport = new DaprTransport(options);
        var relay = new OutboxRelay(_db.Intake, "intake", "intake", transport, options, NullLogger<OutboxRelay>.Instance, TimeProvider.System);
        await relay.StartAsync(default);
        _cleanup.Add(new Stopper(async () =>
        {
            await relay.StopAsync(default);
            relay.Dispose();
            transport.Dispose();
        }));
    }

    [Fact]
    public async Task The_sidecar_learns_the_apps_subscriptions_from_AppCallback()
    {
        var sidecar = await TestSidecar.StartAsync(_subscriber.Address);
        _cleanup.Add(sidecar);
        Assert.Equal([("pubsub", Topics.Intake)], await sidecar.SubscriptionsAsync());
    }

    [Fact]
    public async Task PublishEvent_carries_what_daprd_expects_and_the_event_reaches_the_subscriber()
    {
        var sidecar = await TestSidecar.StartAsync(_subscriber.Address);
        _cleanup.Add(sidecar);
        var options = ProducerOptions(sidecar.Port);
        var step = new CaseStepped { CaseId = "via-dapr", Step = 4 };
        string traceId;
        Guid eventId;
        using (var cause = new Activity("IssueReply").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            traceId = cause.TraceId.ToString();
            eventId = (await _db.CommitAsync(new Outbox(options, TimeProvider.System), (Topics.Intake, "via-dapr", step)))[0];
        }

        await StartRelayAsync(options);
        await Eventually.HoldsAsync(async () => (await _db.AppliedStepsAsync("via-dapr")).Count == 1, "the subscriber applies the event");

        var wire = Assert.Single(sidecar.Published);
        var fields = DaprWire.Read(wire);
        Assert.Equal("pubsub", fields.Strings[1]);                       // pubsub_name = 1
        Assert.Equal(Topics.Intake, fields.Strings[2]);                  // topic = 2
        Assert.Equal(step.ToByteArray(), fields.Bytes[3]);               // data = 3
        Assert.Equal("application/octet-stream", fields.Strings[4]);     // data_content_type = 4
        var metadata = fields.Metadata;                                  // metadata = 5
        Assert.Equal(eventId.ToString(), metadata["cloudevent.id"]);
        Assert.Equal("ogi.messaging.tests.v1.CaseStepped", metadata["cloudevent.type"]);
        Assert.Equal("intake", metadata["cloudevent.source"]);
        Assert.Equal("via-dapr", metadata["partitionKey"]);
        Assert.StartsWith($"00-{traceId}-", metadata["cloudevent.traceparent"], StringComparison.Ordinal);
        Assert.StartsWith($"00-{traceId}-", Assert.Single(sidecar.PublishTraceparents), StringComparison.Ordinal);
        Assert.Equal([4], await _db.AppliedStepsAsync("via-dapr"));
    }

    [Fact]
    public async Task Events_wait_in_the_outbox_while_the_sidecar_is_down_and_go_out_when_it_starts()
    {
        var port = FreePort();
        var options = ProducerOptions(port);
        await _db.CommitAsync(new Outbox(options, TimeProvider.System), (Topics.Intake, "sidecar-late", new CaseStepped { CaseId = "sidecar-late", Step = 1 }),
            (Topics.Intake, "sidecar-late", new CaseStepped { CaseId = "sidecar-late", Step = 2 }));
        await StartRelayAsync(options);
        await Eventually.HoldsAsync(async () => await _db.ScalarAsync(_db.Intake, "SELECT count(*) FROM outbox_deliveries WHERE attempts >= 2 AND subscriber = 'dapr'") == 1,
            "the relay retries against the missing sidecar");

        var sidecar = await TestSidecar.StartAsync(_subscriber.Address, port);
        _cleanup.Add(sidecar);
        await Eventually.HoldsAsync(async () => (await _db.AppliedStepsAsync("sidecar-late")).Count == 2, "both events arrive");
        Assert.Equal([1, 2], await _db.AppliedStepsAsync("sidecar-late"));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class Stopper(Func<Task> stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await stop();
    }
}

/// <summary>Reads a PublishEventRequest with nothing but Dapr's field numbers, independent of our generated classes.</summary>
internal sealed class DaprWire
{
    public Dictionary<int, string> Strings { get; } = [];

    public Dictionary<int, byte[]> Bytes { get; } = [];

    public Dictionary<string, string> Metadata { get; } = [];

    public static DaprWire Read(byte[] message)
    {
        var result = new DaprWire();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            Assert.Equal(WireFormat.WireType.LengthDelimited, WireFormat.GetTagWireType(tag));
            var field = WireFormat.GetTagFieldNumber(tag);
            var bytes = input.ReadBytes().ToByteArray();
            if (field == 5)
            {
                var entry = new CodedInputStream(bytes);
                string? key = null, value = null;
                uint entryTag;
                while ((entryTag = entry.ReadTag()) != 0)
                {
                    switch (WireFormat.GetTagFieldNumber(entryTag))
                    {
                        case 1: key = entry.ReadString(); break;
                        case 2: value = entry.ReadString(); break;
                        default: entry.SkipLastField(); break;
                    }
                }

                result.Metadata[key!] = value!;
            }
            else
            {
                result.Bytes[field] = bytes;
                result.Strings[field] = System.Text.Encoding.UTF8.GetString(bytes);
            }
        }

        return result;
    }
}
