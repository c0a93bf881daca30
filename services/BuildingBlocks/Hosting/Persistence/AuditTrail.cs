using System.Buffers.Binary;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Hosting.Logging;
using Ogi.BuildingBlocks.Identity.Rpc;

namespace Ogi.BuildingBlocks.Hosting.Persistence;

/// <summary>What a state-changing command records: who (a principal id, never a name), which RPC, which aggregate, how it ended.</summary>
public sealed record AuditRecord(string Actor, string Action, string AggregateType, string AggregateId, string Outcome, string? Details = null)
{
    /// <summary>The record of the RPC being served: its authenticated caller's id and its method ("ogi.intake.v1.IntakeService/IssueReply").</summary>
    public static AuditRecord Of(ServerCallContext call, string aggregateType, string aggregateId, string outcome, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new(call.Caller().Id, call.Method.TrimStart('/'), aggregateType, aggregateId, outcome, details);
    }
}

/// <summary>The result of walking the chain: intact, or the first row that breaks it and why.</summary>
public sealed record AuditChainReport(long RowsChecked, long? BrokenAtId, string? Problem)
{
    public bool IsIntact => BrokenAtId is null;
}

/// <summary>
/// The writer and verifier of a service's audit trail. Each row carries the hash of the row before it and its own
/// hash over its content, so an altered, removed or forged row breaks the chain. Appends happen inside the command's
/// transaction, under a transaction-scoped advisory lock, so the audit row commits or rolls back with the change and
/// concurrent commands extend one chain instead of forking it.
/// </summary>
public static class AuditTrail
{
    private static readonly byte[] Domain = "ogi-audit-v1"u8.ToArray();

    /// <summary>
    /// Appends a row in the context's current transaction (begin one first: the row must share the change's fate).
    /// The advisory lock is held until that transaction ends.
    /// </summary>
    public static async Task<AuditEntry> AppendAsync(ServiceDbContext context, AuditRecord record, TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        (await AppendAllAsync(context, [record], time, cancellationToken))[0];

    /// <summary>
    /// Appends rows in the given order, chained one to the next, in the context's current transaction: one lock
    /// acquisition, one read of the chain's end and one insert for all of them, so a transaction that records many
    /// changes (a group of submissions) pays for the trail's lock once. The lock is held until that transaction ends.
    /// </summary>
    public static async Task<IReadOnlyList<AuditEntry>> AppendAllAsync(ServiceDbContext context, IReadOnlyList<AuditRecord> records, TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(records);
        var transaction = context.Database.CurrentTransaction
            ?? throw new InvalidOperationException("An audit row is appended inside the command's transaction; begin it before appending.");
        var entries = records.Select(r => Entry(r, time ?? TimeProvider.System)).ToList();
        if (entries.Count == 0)
        {
            return entries;
        }

        var table = TableName(context);
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();
        var dbTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();

        await using (var serialise = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext($1))", connection, dbTransaction)
        { Parameters = { new() { Value = table } } })
        {
            await serialise.ExecuteNonQueryAsync(cancellationToken);
        }

        byte[]? previous;
        await using (var last = new NpgsqlCommand($"SELECT hash FROM {table} ORDER BY id DESC LIMIT 1", connection, dbTransaction))
        {
            previous = await last.ExecuteScalarAsync(cancellationToken) as byte[];
        }

        foreach (var entry in entries)
        {
            entry.PreviousHash = previous;
            entry.Hash = Hash(previous, entry);
            previous = entry.Hash;
        }

        // Rows are inserted in the chain's order, so their identity ids ascend along the chain (VerifyAsync walks by id).
        await using var insert = new NpgsqlCommand(
            $"""
            INSERT INTO {table} (occurred_at, actor, action, aggregate_type, aggregate_id, outcome, details, previous_hash, hash)
            SELECT occurred_at, actor, action, aggregate_type, aggregate_id, outcome, details, previous_hash, hash
            FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bytea[], $9::bytea[])
                WITH ORDINALITY AS r(occurred_at, actor, action, aggregate_type, aggregate_id, outcome, details, previous_hash, hash, position)
            ORDER BY position
            RETURNING id
            """, connection, dbTransaction)
        {
            Parameters =
            {
                new() { Value = entries.Select(e => e.OccurredAt).ToArray() },
                new() { Value = entries.Select(e => e.Actor).ToArray() },
                new() { Value = entries.Select(e => e.Action).ToArray() },
                new() { Value = entries.Select(e => e.AggregateType).ToArray() },
                new() { Value = entries.Select(e => e.AggregateId).ToArray() },
                new() { Value = entries.Select(e => e.Outcome).ToArray() },
                new() { Value = entries.Select(e => e.Details).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text },
                new() { Value = entries.Select(e => e.PreviousHash).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bytea },
                new() { Value = entries.Select(e => e.Hash).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bytea },
            },
        };
        var ids = new List<long>(entries.Count);
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        ids.Sort();
        for (var i = 0; i < entries.Count; i++)
        {
            entries[i].Id = ids[i];
        }

        return entries;
    }

    /// <summary>
    /// SaveChanges with its audit row: in the caller's transaction when one is open, otherwise in one begun and
    /// committed here. Returns what SaveChanges returns.
    /// </summary>
    public static async Task<int> SaveChangesAuditedAsync(this ServiceDbContext context, AuditRecord record, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        if (context.Database.CurrentTransaction is not null)
        {
            await AppendAsync(context, record, time, cancellationToken);
            return await context.SaveChangesAsync(cancellationToken);
        }

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await AppendAsync(context, record, time, cancellationToken);
        var saved = await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>Walks the whole chain in id order and reports the first broken link.</summary>
    public static async Task<AuditChainReport> VerifyAsync(ServiceDbContext context, CancellationToken cancellationToken = default)
    {
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var read = new NpgsqlCommand(
                $"SELECT id, occurred_at, actor, action, aggregate_type, aggregate_id, outcome, details, previous_hash, hash FROM {TableName(context)} ORDER BY id",
                connection);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            long checkedRows = 0;
            (long Id, byte[]? Hash)? prior = null;
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = Read(reader);
                checkedRows++;
                if (prior is null && row.PreviousHash is not null)
                {
                    return new(checkedRows, row.Id, "the first row carries a previous_hash: rows before it were removed, or it was forged");
                }

                if (prior is { } before && !SameBytes(row.PreviousHash, before.Hash))
                {
                    return new(checkedRows, row.Id, $"previous_hash does not match the hash of row {before.Id}: a row between them was removed or inserted, or row {before.Id} was rewritten");
                }

                if (row.Hash is null || !SameBytes(row.Hash, Hash(row.PreviousHash, row)))
                {
                    return new(checkedRows, row.Id, "hash does not match the row's content: the row was altered, or written outside the audit writer");
                }

                prior = (row.Id, row.Hash);
            }

            return new(checkedRows, null, null);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    /// <summary>SHA-256 over the previous hash and every field, each length-prefixed so no two rows encode alike.</summary>
    public static byte[] Hash(byte[]? previousHash, AuditEntry entry)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Domain);
        Append(hash, previousHash);
        Append(hash, Encoding.UTF8.GetBytes(MicrosecondsSinceEpoch(entry.OccurredAt).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var field in new[] { entry.Actor, entry.Action, entry.AggregateType, entry.AggregateId, entry.Outcome, entry.Details })
        {
            Append(hash, field is null ? null : Encoding.UTF8.GetBytes(field));
        }

        return hash.GetHashAndReset();
    }

    private static AuditEntry Entry(AuditRecord record, TimeProvider time)
    {
        foreach (var (name, value) in new[] { ("actor", record.Actor), ("action", record.Action), ("aggregate type", record.AggregateType), ("aggregate id", record.AggregateId), ("outcome", record.Outcome) })
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
            if (PersonalDataRedactor.Redact(value) != value)
            {
                // Audit rows keep ids only; personal data would outlive its purpose in an append-only table.
                throw new ArgumentException($"The audit {name} looks like personal data; audit rows carry ids only.", nameof(record));
            }
        }

        var now = time.GetUtcNow().ToUniversalTime();
        return new AuditEntry
        {
            // PostgreSQL keeps microseconds; the hash must cover exactly what is stored.
            OccurredAt = new DateTimeOffset(now.Ticks - (now.Ticks % 10), TimeSpan.Zero),
            Actor = record.Actor,
            Action = record.Action,
            AggregateType = record.AggregateType,
            AggregateId = record.AggregateId,
            Outcome = record.Outcome,
            Details = record.Details is null ? null : PersonalDataRedactor.Redact(record.Details),
        };
    }

    private static AuditEntry Read(DbDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        OccurredAt = reader.GetFieldValue<DateTimeOffset>(1),
        Actor = reader.GetString(2),
        Action = reader.GetString(3),
        AggregateType = reader.GetString(4),
        AggregateId = reader.GetString(5),
        Outcome = reader.GetString(6),
        Details = reader.IsDBNull(7) ? null : reader.GetString(7),
        PreviousHash = reader.IsDBNull(8) ? null : reader.GetFieldValue<byte[]>(8),
        Hash = reader.IsDBNull(9) ? null : reader.GetFieldValue<byte[]>(9),
    };

    private static long MicrosecondsSinceEpoch(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static void Append(IncrementalHash hash, byte[]? bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes?.Length ?? -1);
        hash.AppendData(length);
        if (bytes is not null)
        {
            hash.AppendData(bytes);
        }
    }

    private static bool SameBytes(byte[]? a, byte[]? b) =>
        a is null || b is null ? a is null && b is null : CryptographicOperations.FixedTimeEquals(a, b);

    private static string TableName(ServiceDbContext context) =>
        $"\"{context.Model.GetDefaultSchema()}\".{AuditTrailMigration.Table}";
}
