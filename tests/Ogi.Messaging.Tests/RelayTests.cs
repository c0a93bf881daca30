using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Messaging.Relay;
using Ogi.BuildingBlocks.Testing;
using Ogi.Messaging.Tests.Events;

namespace Ogi.Messaging.Tests;

/// <summary>
/// Outbox → relay → subscriber → inbox, in direct mode: intake's relay delivers to secrecy-review's AppCallback.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class RelayTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Peer = "secrecy-review";
    private readonly EventsOptions _producerOptions = new()
    {
        Peers = { [Peer] = "set by the subscriber" },
        BatchSize = 50,
        PollIntervalMs = 100,
        HousekeepingIntervalMs = 100,
        BackoffBaseMs = 20,
        BackoffMaxMs = 200,
    };

    private MessagingDatabase _db = null!;
    private Subscriber? _subscriber;
    private Outbox _outbox = null!;

    private Subscriber Consumer => _subscriber ?? throw new InvalidOperationException("start the subscriber first");
    private readonly List<OutboxRelay> _relays = [];

    public async Task InitializeAsync() => _db = await MessagingDatabase.CreateAsync(postgres, "relay");

    /// <summary>Starts secrecy-review's endpoint; handlers fail as often as <paramref name="maxAttempts"/> allows before dead-lettering.</summary>
    private async Task StartSubscriberAsync(int maxAttempts = 1000)
    {
        _subscriber = await Subscriber.StartAsync(_db, new EventsOptions { MaxHandlerAttempts = maxAttempts, Peers = { ["intake"] = "http://127.0.0.1:1" } });
        _producerOptions.Peers[Peer] = Consumer.Address;
        _outbox = new Outbox(_producerOptions, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        foreach (var relay in _relays)
        {
            await relay.StopAsync(default);
            relay.Dispose();
        }

        if (_subscriber is not null)
        {
            await Consumer.DisposeAsync();
        }
    }

    private async Task<OutboxRelay> StartRelayAsync(EventsOptions? options = null)
    {
        var relay = NewRelay(options ?? _producerOptions);
        await relay.StartAsync(default);
        return relay;
    }

    private static (string, string, Google.Protobuf.IMessage) Step(string caseId, int step) => (Topics.Intake, caseId, new CaseStepped { CaseId = caseId, Step = step });

    private Task<long> PendingAsync() => _db.ScalarAsync(_db.Intake, "SELECT count(*) FROM outbox_deliveries WHERE delivered_at IS NULL");

    [Fact]
    public async Task Events_committed_while_no_relay_ran_are_delivered_by_a_fresh_relay()
    {
        await StartSubscriberAsync();
        // The process "dies" between commit and publish: rows are committed and nothing runs.
        await _db.CommitAsync(_outbox, Step("restart", 1), Step("restart", 2));
        Assert.Equal(2, await PendingAsync());

        await StartRelayAsync();
        await Eventually.HoldsAsync(async () => (await _db.AppliedStepsAsync("restart")).Count == 2, "both events are applied");
        Assert.Equal([1, 2], await _db.AppliedStepsAsync("restart"));
        await Eventually.HoldsAsync(async () => await _db.ScalarAsync(_db.Intake, "SELECT count(*) FROM outbox_events WHERE published_at IS NULL") == 0, "events are marked published");
    }

    [Fact]
    public async Task A_subscriber_down_for_a_while_gets_every_event_once_in_order_when_it_returns()
    {
        await StartSubscriberAsync();
        await Consumer.StopAsync();
        await StartRelayAsync();
        for (var step = 1; step <= 5; step++)
        {
            await _db.CommitAsync(_outbox, Step("down-a", step), Step("down-b", step), Step("down-c", step));
        }

        await Eventually.HoldsAsync(async () => await _db.ScalarAsync(_db.Intake, "SELECT count(*) FROM outbox_deliveries WHERE attempts >= 2") >= 3,
            "the relay has retried while the subscriber is down");
        Assert.Equal(15, await PendingAsync());
        Assert.Equal(3, await _db.ScalarAsync(_db.Intake, "SELECT count(*) FROM outbox_deliveries WHERE last_error IS NOT NULL"));

        await Consumer.StartAgainAsync();
        await Eventually.HoldsAsync(async () => await PendingAsync() == 0, "everything is delivered");
        foreach (var caseId in new[] { "down-a", "down-b", "down-c" })
        {
            Assert.Equal([1, 2, 3, 4, 5], await _db.AppliedStepsAsync(caseId));
        }
    }

    [Fact]
    public async Task Redelivery_after_a_lost_acknowledgement_does_not_apply_an_event_twice()
    {
        await StartSubscriberAsync();
        var relay = NewRelay(_producerOptions); // Driven round by round, so nothing runs between the steps below.
        await _db.CommitAsync(_outbox, Step("twice", 1), Step("twice", 2), Step("twice", 3));
        await DrainAsync(relay);
        Assert.Equal(3, Consumer.Calls);

        // As if the relay crashed after sending and before recording it: everything goes out again.
        await _db.ScalarAsync(_db.Intake, "UPDATE outbox_deliveries SET delivered_at = NULL RETURNING 1");
        await DrainAsync(relay);

        Assert.Equal(6, Consumer.Calls);
        Assert.Equal([1, 2, 3], await _db.AppliedStepsAsync("twice"));
    }

    private OutboxRelay NewRelay(EventsOptions options)
    {
        var relay = new OutboxRelay(_db.Intake, "intake", "intake", Consumer.TransportFor(options), options, NullLogger<OutboxRelay>.Instance, TimeProvider.System);
        _relays.Add(relay);
        return relay;
    }

    private async Task DrainAsync(OutboxRelay relay)
    {
        while (await PendingAsync() > 0)
        {
            Assert.True(await relay.RunRoundAsync(default) > 0, "a round with pending deliveries delivers something");
        }
    }

    [Fact]
    public async Task An_aggregates_later_event_waits_for_its_earlier_one_while_other_aggregates_flow()
    {
        await StartSubscriberAsync();
        Consumer.Hold("held"); // The handler fails (RETRY) for this case until released.
        await StartRelayAsync();
        await _db.CommitAsync(_outbox, Step("held", 1), Step("free", 1));
        await _db.CommitAsync(_outbox, Step("held", 2), Step("free", 2));
        await _db.CommitAsync(_outbox, Step("held", 3), Step("free", 3));

        await Eventually.HoldsAsync(async () => (await _db.AppliedStepsAsync("free")).Count == 3, "the other aggregate is delivered");
        await Eventually.HoldsAsync(async () => await _db.ScalarAsync(_db.Intake,
            "SELECT count(*) FROM outbox_deliveries d JOIN outbox_events e USING (event_id) WHERE e.aggregate_id = 'held' AND d.attempts >= 2") >= 1, "the held event is retried");
        // Steps 2 and 3 of the held case have not even been attempted: order is kept at the sender.
        Assert.Equal(0, await _db.ScalarAsync(_db.Intake,
            "SELECT count(*) FROM outbox_deliveries d JOIN outbox_events e USING (event_id) WHERE e.aggregate_id = 'held' AND e.sequence > 1 AND d.attempts > 0"));
        Assert.Empty(await _db.AppliedStepsAsync("held"));

        Consumer.Release("held");
        await Eventually.HoldsAsync(async () => (await _db.AppliedStepsAsync("held")).Count == 3, "the held aggregate catches up");
        Assert.Equal([1, 2, 3], await _db.AppliedStepsAsync("held"));
        Assert.Equal([1, 2, 3], await _db.AppliedStepsAsync("free"));
    }

    [Fact]
    public async Task A_poison_event_ends_in_the_dead_letter_topic_without_blocking_the_rest()
    {
        await StartSubscriberAsync(4);
        await StartRelayAsync();
        await _db.CommitAsync(_outbox, Step("sick", 1), (Topics.Intake, "sick", new PoisonPill { CaseId = "sick" }), Step("sick", 3), Step("well", 1));

        await Eventually.HoldsAsync(async () => await PendingAsync() == 0, "every delivery completes");
        Assert.Equal([1, 3], await _db.AppliedStepsAsync("sick"));
        Assert.Equal([1], await _db.AppliedStepsAsync("well"));
        Assert.Equal(1, await _db.ScalarAsync(_db.SecrecyReview, "SELECT count(*) FROM dead_letters WHERE type = 'ogi.messaging.tests.v1.PoisonPill' AND attempts = 4"));
        Assert.Equal(1, await _db.ScalarAsync(_db.SecrecyReview, "SELECT count(*) FROM outbox_events WHERE topic = 'deadletter'"));
    }

    [Fact]
    public async Task Two_relay_replicas_share_the_outbox_without_sending_an_event_twice_or_out_of_order()
    {
        await StartSubscriberAsync();
        var cases = Enumerable.Range(0, 8).Select(i => $"replica-{i}").ToArray();
        for (var step = 1; step <= 10; step++)
        {
            await _db.CommitAsync(_outbox, cases.Select(c => Step(c, step)).ToArray());
        }

        var callsBefore = Consumer.Calls;
        await Task.WhenAll(StartRelayAsync(), StartRelayAsync());
        await Eventually.HoldsAsync(async () => await PendingAsync() == 0, "all delivered");
        Assert.Equal(80, Consumer.Calls - callsBefore);
        foreach (var caseId in cases)
        {
            Assert.Equal(Enumerable.Range(1, 10).ToList(), await _db.AppliedStepsAsync(caseId));
        }
    }

    [Fact]
    public async Task A_commit_wakes_an_idle_relay_without_waiting_for_the_poll()
    {
        await StartSubscriberAsync();
        var slowPoll = new EventsOptions { Peers = { [Peer] = Consumer.Address }, PollIntervalMs = 60_000 };
        await StartRelayAsync(slowPoll);
        await Task.Delay(300); // Idle: listening, with the next poll a minute away.

        var started = DateTime.UtcNow;
        await _db.CommitAsync(new Outbox(slowPoll, TimeProvider.System), Step("woken", 1));
        await Eventually.HoldsAsync(async () => (await _db.AppliedStepsAsync("woken")).Count == 1, "the event is applied", seconds: 10);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_hung_subscriber_delays_only_its_own_deliveries()
    {
        await StartSubscriberAsync();
        // A peer that accepts connections and never answers: its deliveries wait for the delivery deadline.
        using var hung = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        hung.Start();
        var accepted = new ConcurrentBag<System.Net.Sockets.Socket>();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Add(await hung.AcceptSocketAsync());
                }
            }
            catch (System.Net.Sockets.SocketException)
            {
                // The listener stopped at the end of the test.
            }
            catch (ObjectDisposedException)
            {
            }
        });
        var options = new EventsOptions
        {
            Peers = { [Peer] = Consumer.Address, ["accountability"] = $"http://127.0.0.1:{((System.Net.IPEndPoint)hung.LocalEndpoint).Port}" },
            PollIntervalMs = 100,
            DeliveryTimeoutMs = 20_000,
        };
        var outbox = new Outbox(options, TimeProvider.System);
        await StartRelayAsync(options);
        await _db.CommitAsync(outbox, Step("first", 1));
        await Eventually.HoldsAsync(async () => (await _db.AppliedStepsAsync("first")).Count == 1, "the first event reaches the live subscriber");

        // The hung peer's delivery of "first" is still in flight; a later event must not queue behind it.
        var started = Stopwatch.StartNew();
        await _db.CommitAsync(outbox, Step("second", 1));
        await Eventually.HoldsAsync(async () => (await _db.AppliedStepsAsync("second")).Count == 1, "the second event reaches the live subscriber", seconds: 15);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed.TotalSeconds:F1} s: the live subscriber waited for the hung one");
        Assert.Equal(2, await _db.ScalarAsync(_db.Intake, "SELECT count(*) FROM outbox_deliveries WHERE subscriber = 'accountability' AND delivered_at IS NULL"));
        foreach (var socket in accepted)
        {
            socket.Dispose();
        }
    }

    [Fact]
    public async Task Published_rows_are_removed_after_retention_and_pending_ones_are_kept()
    {
        await StartSubscriberAsync();
        await _db.CommitAsync(_outbox, Step("old", 1));
        var relay = NewRelay(_producerOptions);
        Assert.Equal(1, await relay.RunRoundAsync(default));
        Assert.Equal(1, await _db.ScalarAsync(_db.Intake, "SELECT count(*) FROM outbox_events WHERE published_at IS NOT NULL"));

        await Consumer.StopAsync();
        await _db.CommitAsync(_outbox, Step("young", 1));
        var noRetention = new EventsOptions { Peers = { [Peer] = Consumer.Address }, RetentionHours = 0, PollIntervalMs = 50, HousekeepingIntervalMs = 50, BackoffBaseMs = 10 };
        await StartRelayAsync(noRetention);
        await Eventually.HoldsAsync(async () => await _db.ScalarAsync(_db.Intake, "SELECT count(*) FROM outbox_events WHERE aggregate_id = 'old'") == 0, "the published row is purged");
        Assert.Equal(1, await _db.ScalarAsync(_db.Intake, "SELECT count(*) FROM outbox_events WHERE aggregate_id = 'young' AND published_at IS NULL"));
    }

    [Fact]
    public async Task The_consumers_span_continues_the_trace_of_the_call_that_caused_the_event()
    {
        await StartSubscriberAsync();
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MessagingTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        string traceId;
        using (var cause = new Activity("IssueReply").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            traceId = cause.TraceId.ToString();
            await _db.CommitAsync(_outbox, Step("traced", 1));
        }

        await StartRelayAsync();
        // The publish span ends when the delivery call returns, which may be after the consumer's span ended.
        await Eventually.HoldsAsync(() => Task.FromResult(
            spans.Any(s => s.Kind == ActivityKind.Consumer && s.TraceId.ToString() == traceId) &&
            spans.Any(s => s.Kind == ActivityKind.Producer && s.TraceId.ToString() == traceId)), "the publish and process spans end");
        var publish = Assert.Single(spans, s => s.Kind == ActivityKind.Producer && s.TraceId.ToString() == traceId);
        var process = Assert.Single(spans, s => s.Kind == ActivityKind.Consumer && s.TraceId.ToString() == traceId);
        Assert.Equal($"{Topics.Intake} publish", publish.DisplayName);
        Assert.Equal($"{Topics.Intake} process", process.DisplayName);
        Assert.Equal(publish.SpanId, process.ParentSpanId);
        Assert.Equal("Success", process.GetTagItem("ogi.messaging.outcome"));
        Assert.Equal("intake", process.GetTagItem("ogi.messaging.source"));
    }

    [Fact]
    public async Task Backlog_redeliveries_and_dead_letters_are_measured()
    {
        await StartSubscriberAsync(maxAttempts: 2);
        var measured = new ConcurrentDictionary<string, long>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MessagingTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            measured.AddOrUpdate(instrument.Name, value, (_, sum) => instrument is ObservableGauge<long> ? value : sum + value));
        meters.SetMeasurementEventCallback<double>((instrument, _, _, _) => measured.AddOrUpdate(instrument.Name, 1, (_, n) => n + 1));
        meters.Start();

        await Consumer.StopAsync();
        await _db.CommitAsync(_outbox, Step("measured", 1), Step("measured", 2), (Topics.Intake, "measured-poison", new PoisonPill { CaseId = "measured-poison" }));
        await StartRelayAsync();
        await Eventually.HoldsAsync(() =>
        {
            meters.RecordObservableInstruments();
            return Task.FromResult(measured.GetValueOrDefault("ogi.messaging.outbox.backlog") == 3 && measured.GetValueOrDefault("ogi.messaging.redeliveries") >= 2);
        }, "the backlog and the failed attempts are measured");

        await Consumer.StartAgainAsync();
        await Eventually.HoldsAsync(async () => await PendingAsync() == 0, "all delivered");
        await Eventually.HoldsAsync(() =>
        {
            meters.RecordObservableInstruments();
            return Task.FromResult(measured.GetValueOrDefault("ogi.messaging.outbox.backlog") == 0);
        }, "the backlog drains");
        Assert.Equal(1, measured.GetValueOrDefault("ogi.messaging.dead_letters"));
        Assert.True(measured.GetValueOrDefault("ogi.messaging.publish.latency") >= 3, "publish latency recorded per delivery");
    }
}
