using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Ogi.BuildingBlocks.Messaging.Persistence;

namespace Ogi.BuildingBlocks.Messaging.Relay;

/// <summary>
/// Moves committed outbox events to their subscribers. Each round claims pending deliveries with
/// <c>FOR UPDATE SKIP LOCKED</c> (so replicas share the work and never send one row twice at once),
/// taking only the earliest undelivered event of each aggregate per subscriber (so an aggregate's later
/// event never overtakes an earlier one), delivers them, and records the outcome in the same transaction.
/// Failures are retried with exponential backoff; nothing is lost across restarts because the rows are
/// the only state. The relay wakes on the NOTIFY that a committed outbox insert raises, and otherwise polls.
/// Each subscriber has its own lane of rounds, so a slow or hung subscriber delays only its own deliveries.
/// </summary>
public sealed partial class OutboxRelay : BackgroundService
{
    private const int MaxParallelDeliveries = 32;

    private readonly NpgsqlDataSource _database;
    private readonly string _schema;
    private readonly string _source;
    private readonly IEventTransport _transport;
    private readonly EventsOptions _options;
    private readonly ILogger<OutboxRelay> _logger;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, SemaphoreSlim> _lanes;
    private readonly string _events;
    private readonly string _deliveries;
    private readonly string _claimSql;

    /// <param name="connectionString">The service role's connection.</param>
    /// <param name="schema">The service's schema, holding its outbox tables.</param>
    /// <param name="source">The CloudEvent source: the producing service's name.</param>
    public OutboxRelay(string connectionString, string schema, string source, IEventTransport transport, EventsOptions options,
        ILogger<OutboxRelay> logger, TimeProvider clock)
    {
        _database = NpgsqlDataSource.Create(connectionString);
        _schema = schema;
        _source = source;
        _transport = transport;
        _options = options;
        _logger = logger;
        _clock = clock;
        // A lane's wake-up is a semaphore of one: any number of wakes before the lane looks are one round.
        _lanes = options.Subscribers.ToDictionary(s => s, _ => new SemaphoreSlim(0, 1), StringComparer.Ordinal);
        // Built once: lanes poll every PollIntervalMs, and an idle service should not allocate the statement each time.
        _events = $"{_schema}.{MessagingTables.OutboxEvents}";
        _deliveries = $"{_schema}.{MessagingTables.OutboxDeliveries}";
        _claimSql = $"""
            SELECT d.event_id, d.subscriber, d.attempts, e.topic, e.type, e.aggregate_id, e.payload, e.traceparent, e.created_at
            FROM {_deliveries} d
            JOIN {_events} e ON e.event_id = d.event_id
            WHERE d.delivered_at IS NULL AND d.next_attempt_at <= $1 AND ($3::text IS NULL OR d.subscriber = $3)
              AND NOT EXISTS (
                SELECT 1 FROM {_events} earlier
                JOIN {_deliveries} pending ON pending.event_id = earlier.event_id AND pending.subscriber = d.subscriber
                WHERE earlier.aggregate_id = e.aggregate_id AND earlier.sequence < e.sequence AND pending.delivered_at IS NULL)
            ORDER BY e.created_at, e.aggregate_id, e.sequence
            LIMIT $2
            FOR UPDATE OF d SKIP LOCKED
            """;
    }

    /// <summary>Asks every lane for a round now (e.g. after an in-process commit); NOTIFY does the same across processes.</summary>
    public void Wake()
    {
        foreach (var lane in _lanes.Values)
        {
            if (lane.CurrentCount == 0)
            {
                try
                {
                    lane.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Another wake got there first: the lane runs its round either way.
                }
            }
        }
    }

    public override void Dispose()
    {
        _database.Dispose();
        foreach (var lane in _lanes.Values)
        {
            lane.Dispose();
        }

        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listening = ListenAsync(stoppingToken);
        await Task.WhenAll(_lanes.Select(lane => RunLaneAsync(lane.Key, lane.Value, stoppingToken)).Append(RunHousekeepingAsync(stoppingToken)));
        await listening;
    }

    private async Task RunLaneAsync(string subscriber, SemaphoreSlim wake, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var delivered = 0;
            try
            {
                delivered = await RunRoundAsync(subscriber, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // Database away or anything else: the rows stay pending and a later round picks them up; the relay never dies.
                LogRoundFailed(e.GetType().Name, e.Message);
            }

            if (delivered == 0)
            {
                await WaitForWorkAsync(wake, stoppingToken);
            }
        }
    }

    private async Task RunHousekeepingAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await HousekeepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(e.GetType().Name, e.Message);
            }

            try
            {
                await Task.Delay(_options.HousekeepingIntervalMs, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One round over every subscriber's deliveries: claim, deliver, record. Returns how many completed.</summary>
    public Task<int> RunRoundAsync(CancellationToken cancellationToken) => RunRoundAsync(subscriber: null, cancellationToken);

    /// <summary>One round of <paramref name="subscriber"/>'s lane (all subscribers when null).</summary>
    public async Task<int> RunRoundAsync(string? subscriber, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = _clock.GetUtcNow();
        var claimed = await ClaimAsync(connection, transaction, subscriber, now, cancellationToken);
        if (claimed.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        var results = new DeliveryResult[claimed.Count];
        await Parallel.ForAsync(0, claimed.Count, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelDeliveries, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await DeliverAsync(claimed[i], ct));

        var finished = _clock.GetUtcNow();
        await RecordAsync(connection, transaction, claimed, results, finished, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return results.Count(r => r.Done);
    }

    private async Task<List<Claimed>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string? subscriber, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(_claimSql, connection, transaction)
        { Parameters = { new() { Value = now }, new() { Value = _options.BatchSize }, new() { Value = (object?)subscriber ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } } };
        var claimed = new List<Claimed>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var message = new OutgoingEvent(reader.GetGuid(0), _source, reader.GetString(3), reader.GetString(4), reader.GetString(5),
                (byte[])reader[6], reader.IsDBNull(7) ? null : reader.GetString(7));
            claimed.Add(new Claimed(message, reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<DateTimeOffset>(8)));
        }

        return claimed;
    }

    private async Task<DeliveryResult> DeliverAsync(Claimed claimed, CancellationToken cancellationToken)
    {
        var message = claimed.Event;
        ActivityContext.TryParse(message.Traceparent, null, out var cause);
        using var activity = MessagingTelemetry.Source.StartActivity($"{message.Topic} publish", ActivityKind.Producer, cause);
        activity?.SetTag("messaging.system", _options.Mode == EventsMode.Dapr ? "dapr" : "ogi-direct");
        activity?.SetTag("messaging.operation.type", "send");
        activity?.SetTag("messaging.destination.name", message.Topic);
        activity?.SetTag("messaging.message.id", message.Id.ToString());
        activity?.SetTag("ogi.messaging.subscriber", claimed.Subscriber);

        // Consumers continue from the publish span when it is recorded, else straight from the causing call.
        var sent = activity is null ? message : message with { Traceparent = activity.Id };
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_options.DeliveryTimeoutMs);
            var outcome = await _transport.DeliverAsync(claimed.Subscriber, sent, deadline.Token);
            activity?.SetTag("ogi.messaging.outcome", outcome.ToString());
            return outcome == DeliveryOutcome.Retry ? DeliveryResult.Failed("subscriber answered RETRY") : DeliveryResult.Completed(outcome);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            return DeliveryResult.Failed($"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<Claimed> claimed, DeliveryResult[] results,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var doneIds = new List<Guid>();
        var doneSubscribers = new List<string>();
        var failedIds = new List<Guid>();
        var failedSubscribers = new List<string>();
        var failedRetryAt = new List<DateTimeOffset>();
        var failedErrors = new List<string>();
        for (var i = 0; i < claimed.Count; i++)
        {
            var c = claimed[i];
            var tags = new TagList { { "messaging.destination.name", c.Event.Topic }, { "ogi.messaging.subscriber", c.Subscriber } };
            if (results[i].Done)
            {
                doneIds.Add(c.Event.Id);
                doneSubscribers.Add(c.Subscriber);
                if (results[i].Outcome == DeliveryOutcome.Delivered)
                {
                    MessagingTelemetry.Published.Add(1, tags);
                    MessagingTelemetry.PublishLatency.Record((now - c.CreatedAt).TotalMilliseconds, tags);
                }
            }
            else
            {
                failedIds.Add(c.Event.Id);
                failedSubscribers.Add(c.Subscriber);
                failedRetryAt.Add(now + _options.Backoff(c.Attempts + 1));
                failedErrors.Add(results[i].Error!);
                MessagingTelemetry.Redeliveries.Add(1, tags);
                LogDeliveryFailed(c.Event.Topic, c.Event.Id, c.Subscriber, c.Attempts + 1, results[i].Error!);
            }
        }

        var doneEvents = doneIds.Distinct().Order().ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction);
        // Lanes finishing the last deliveries of one event at once would each still see the other's pending: locking
        // the event rows first (in id order) makes the later lane's statements see the earlier lane's commit.
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT 1 FROM {_events} WHERE event_id = ANY($1) ORDER BY event_id FOR UPDATE")
        { Parameters = { new() { Value = doneEvents } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            UPDATE {_deliveries} d SET delivered_at = $3, attempts = d.attempts + 1, last_error = NULL
            FROM unnest($1::uuid[], $2::text[]) AS done(event_id, subscriber)
            WHERE d.event_id = done.event_id AND d.subscriber = done.subscriber
            """) { Parameters = { new() { Value = doneIds.ToArray() }, new() { Value = doneSubscribers.ToArray() }, new() { Value = now } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            UPDATE {_deliveries} d SET attempts = d.attempts + 1, next_attempt_at = failed.retry_at, last_error = failed.error
            FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[]) AS failed(event_id, subscriber, retry_at, error)
            WHERE d.event_id = failed.event_id AND d.subscriber = failed.subscriber
            """)
        {
            Parameters =
            {
                new() { Value = failedIds.ToArray() }, new() { Value = failedSubscribers.ToArray() },
                new() { Value = failedRetryAt.ToArray() }, new() { Value = failedErrors.ToArray() },
            },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            UPDATE {_events} e SET published_at = $2
            WHERE e.event_id = ANY($1) AND e.published_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM {_deliveries} d WHERE d.event_id = e.event_id AND d.delivered_at IS NULL)
            """) { Parameters = { new() { Value = doneEvents }, new() { Value = now } } });
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes published outbox rows and handled inbox rows past retention and failure counts of handled events; counts the backlog for the gauge.</summary>
    private async Task HousekeepAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var cutoff = now - TimeSpan.FromHours(_options.RetentionHours);
        await using (var purge = _database.CreateBatch())
        {
            purge.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {_events} WHERE published_at < $1")
            { Parameters = { new() { Value = cutoff } } });
            purge.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {_schema}.{MessagingTables.InboxEvents} WHERE handled_at < $1")
            { Parameters = { new() { Value = cutoff } } });
            purge.BatchCommands.Add(new NpgsqlBatchCommand(
                $"DELETE FROM {_schema}.{MessagingTables.InboxFailures} f USING {_schema}.{MessagingTables.InboxEvents} i WHERE f.event_id = i.event_id"));
            await purge.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var count = _database.CreateCommand($"SELECT count(*) FROM {_deliveries} WHERE delivered_at IS NULL");
        MessagingTelemetry.SetBacklog((long)(await count.ExecuteScalarAsync(cancellationToken))!);
    }

    /// <summary>Until woken or the poll interval passes; a timeout is an answer, not an exception (lanes wait this way all day).</summary>
    private async Task WaitForWorkAsync(SemaphoreSlim wake, CancellationToken stoppingToken)
    {
        try
        {
            await wake.WaitAsync(_options.PollIntervalMs, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping; the loop checks.
        }
    }

    /// <summary>LISTENs on the schema's outbox channel and wakes the loop on every commit; reconnects when the database goes away.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _database.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand($"LISTEN \"{MessagingTables.NotifyChannel(_schema)}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Wake(); // Rows committed while not listening.
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
            {
                LogListenFailed(e.GetType().Name);
                try
                {
                    await Task.Delay(_options.PollIntervalMs, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay round failed ({Error}: {Reason}); retrying")]
    private partial void LogRoundFailed(string error, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox LISTEN connection lost ({Error}); polling until it is back")]
    private partial void LogListenFailed(string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery of {Topic} event {EventId} to {Subscriber} failed (attempt {Attempt}): {Error}")]
    private partial void LogDeliveryFailed(string topic, Guid eventId, string subscriber, int attempt, string error);

    private sealed record Claimed(OutgoingEvent Event, string Subscriber, int Attempts, DateTimeOffset CreatedAt);

    private readonly record struct DeliveryResult(bool Done, DeliveryOutcome Outcome, string? Error)
    {
        public static DeliveryResult Completed(DeliveryOutcome outcome) => new(true, outcome, null);

        public static DeliveryResult Failed(string error) => new(false, DeliveryOutcome.Retry, error);
    }
}
