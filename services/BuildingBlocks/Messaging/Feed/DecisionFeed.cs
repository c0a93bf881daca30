using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Npgsql;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Messaging.Persistence;
using Ogi.Contracts.Common.V1;

namespace Ogi.BuildingBlocks.Messaging.Feed;

/// <summary>
/// ogi.common.v1.DecisionFeedService: the decisions this service published, read from its outbox, then followed by
/// polling. Event ids increase with time but transactions commit out of id order, so each poll also looks back a
/// few seconds (never before where the stream began) and skips what it already sent: a late committer is still
/// delivered, nothing twice.
/// </summary>
public sealed class DecisionFeed(ServiceIdentity service, DatabaseSettings database, TimeProvider clock) : DecisionFeedService.DecisionFeedServiceBase
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LookBack = TimeSpan.FromSeconds(10);
    private const int Batch = 500;

    public override async Task WatchDecisions(WatchDecisionsRequest request, IServerStreamWriter<WatchDecisionsResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        Guid? cursor = null;
        if (request.AfterEventId.Length > 0)
        {
            cursor = Guid.TryParse(request.AfterEventId, out var after)
                ? after
                : throw new Domain.InvalidInputException("after_event_id", "must be an event id received from this feed");
        }

        var ct = context.CancellationToken;
        await using var connection = new NpgsqlConnection(database.RequireConnectionString());
        await connection.OpenAsync(ct);
        if (cursor is null && !request.FromStart)
        {
            cursor = await LatestAsync(connection, ct);
        }

        var floor = cursor;
        // Sent ids of the look-back window, with their creation time so the set stays small.
        var sent = new Dictionary<Guid, DateTimeOffset>();
        var since = cursor is null ? DateTimeOffset.MinValue : clock.GetUtcNow() - LookBack;
        while (!ct.IsCancellationRequested)
        {
            var rows = await ReadAsync(connection, floor, cursor, since, ct);
            foreach (var row in rows.Where(r => !sent.ContainsKey(r.EventId)))
            {
                await responseStream.WriteAsync(new WatchDecisionsResponse
                {
                    EventId = row.EventId.ToString(),
                    Service = service.Name,
                    OccurredAt = Timestamp.FromDateTimeOffset(row.CreatedAt),
                    Event = new Any { TypeUrl = "type.googleapis.com/" + row.Type, Value = ByteString.CopyFrom(row.Payload) },
                });
                sent[row.EventId] = row.CreatedAt;
                if (cursor is null || row.EventId.CompareTo(cursor.Value) > 0)
                {
                    cursor = row.EventId;
                }
            }

            if (rows.Count == Batch)
            {
                continue;
            }

            since = clock.GetUtcNow() - LookBack;
            foreach (var old in sent.Where(s => s.Value < since).Select(s => s.Key).ToList())
            {
                sent.Remove(old);
            }

            try
            {
                await Task.Delay(PollInterval, clock, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<Guid?> LatestAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT event_id FROM \"{service.Schema}\".{MessagingTables.OutboxEvents} WHERE topic = @topic ORDER BY event_id DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("topic", Topics.Decisions);
        return await command.ExecuteScalarAsync(ct) is Guid latest ? latest : null;
    }

    private async Task<List<Row>> ReadAsync(NpgsqlConnection connection, Guid? floor, Guid? cursor, DateTimeOffset since, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT event_id, type, payload, created_at FROM "{service.Schema}".{MessagingTables.OutboxEvents}
            WHERE topic = @topic AND (@floor::uuid IS NULL OR event_id > @floor::uuid)
              AND (@cursor::uuid IS NULL OR event_id > @cursor::uuid OR created_at >= @since)
            ORDER BY event_id LIMIT {Batch}
            """, connection);
        command.Parameters.AddWithValue("topic", Topics.Decisions);
        command.Parameters.Add(new NpgsqlParameter("floor", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)floor ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("cursor", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)cursor ?? DBNull.Value });
        command.Parameters.AddWithValue("since", since == DateTimeOffset.MinValue ? DateTime.MinValue.ToUniversalTime() : since.UtcDateTime);
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new Row(reader.GetGuid(0), reader.GetString(1), (byte[])reader[2], reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return rows;
    }

    private sealed record Row(Guid EventId, string Type, byte[] Payload, DateTimeOffset CreatedAt);
}
