using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ogi.BuildingBlocks.Messaging.Persistence;

/// <summary>The messaging tables every service keeps in its own schema: names shared by the migration, the model and the relay's SQL.</summary>
public static class MessagingTables
{
    public const string OutboxEvents = "outbox_events";
    public const string OutboxDeliveries = "outbox_deliveries";
    public const string InboxEvents = "inbox_events";
    public const string InboxFailures = "inbox_failures";
    public const string DeadLetters = "dead_letters";

    /// <summary>LISTEN/NOTIFY channel raised when outbox rows commit in <paramref name="schema"/>.</summary>
    public static string NotifyChannel(string schema) => schema + "_outbox";

    /// <summary>Maps the messaging entities; a service's DbContext calls this from OnModelCreating.</summary>
    public static ModelBuilder MapMessaging(this ModelBuilder model)
    {
        model.Entity<OutboxEvent>(e =>
        {
            e.ToTable(OutboxEvents);
            e.HasKey(x => x.EventId);
            e.Property(x => x.EventId).HasColumnName("event_id").ValueGeneratedNever();
            e.Property(x => x.Topic).HasColumnName("topic");
            e.Property(x => x.Type).HasColumnName("type");
            e.Property(x => x.AggregateId).HasColumnName("aggregate_id");
            // Read back from the insert trigger rather than computed in .NET, so concurrent writers cannot share a number.
            e.Property(x => x.Sequence).HasColumnName("sequence").ValueGeneratedOnAdd();
            e.Property(x => x.Traceparent).HasColumnName("traceparent");
            e.Property(x => x.Payload).HasColumnName("payload");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.PublishedAt).HasColumnName("published_at");
            e.HasIndex(x => new { x.AggregateId, x.Sequence }).IsUnique();
        });
        model.Entity<OutboxDelivery>(d =>
        {
            d.ToTable(OutboxDeliveries);
            d.HasKey(x => new { x.EventId, x.Subscriber });
            d.Property(x => x.EventId).HasColumnName("event_id");
            d.Property(x => x.Subscriber).HasColumnName("subscriber");
            d.Property(x => x.Attempts).HasColumnName("attempts");
            d.Property(x => x.NextAttemptAt).HasColumnName("next_attempt_at");
            d.Property(x => x.DeliveredAt).HasColumnName("delivered_at");
            d.Property(x => x.LastError).HasColumnName("last_error");
            d.HasOne<OutboxEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<InboxEvent>(i =>
        {
            i.ToTable(InboxEvents);
            i.HasKey(x => x.EventId);
            i.Property(x => x.EventId).HasColumnName("event_id").ValueGeneratedNever();
            i.Property(x => x.Topic).HasColumnName("topic");
            i.Property(x => x.Type).HasColumnName("type");
            i.Property(x => x.HandledAt).HasColumnName("handled_at");
        });
        model.Entity<InboxFailure>(f =>
        {
            f.ToTable(InboxFailures);
            f.HasKey(x => x.EventId);
            f.Property(x => x.EventId).HasColumnName("event_id").ValueGeneratedNever();
            f.Property(x => x.Attempts).HasColumnName("attempts");
            f.Property(x => x.LastError).HasColumnName("last_error");
            f.Property(x => x.LastFailedAt).HasColumnName("last_failed_at");
        });
        model.Entity<DeadLetter>(d =>
        {
            d.ToTable(DeadLetters);
            d.HasKey(x => x.EventId);
            d.Property(x => x.EventId).HasColumnName("event_id").ValueGeneratedNever();
            d.Property(x => x.Topic).HasColumnName("topic");
            d.Property(x => x.Type).HasColumnName("type");
            d.Property(x => x.Payload).HasColumnName("payload");
            d.Property(x => x.Traceparent).HasColumnName("traceparent");
            d.Property(x => x.Attempts).HasColumnName("attempts");
            d.Property(x => x.LastError).HasColumnName("last_error");
            d.Property(x => x.DeadLetteredAt).HasColumnName("dead_lettered_at");
        });
        return model;
    }
}

/// <summary>Creates the messaging tables; each service's second migration calls <see cref="Up"/> with its schema.</summary>
public static class MessagingMigration
{
    public static void Up(MigrationBuilder migration, string schema)
    {
        var s = schema;
        migration.Sql($"""
            CREATE TABLE {s}.{MessagingTables.OutboxEvents} (
                event_id uuid PRIMARY KEY,
                topic text NOT NULL,
                type text NOT NULL,
                aggregate_id text NOT NULL,
                sequence bigint NOT NULL DEFAULT 0,
                traceparent text NULL,
                payload bytea NOT NULL,
                created_at timestamptz NOT NULL,
                published_at timestamptz NULL,
                CONSTRAINT ux_{MessagingTables.OutboxEvents}_aggregate_sequence UNIQUE (aggregate_id, sequence)
            );
            CREATE INDEX ix_{MessagingTables.OutboxEvents}_published ON {s}.{MessagingTables.OutboxEvents} (published_at) WHERE published_at IS NOT NULL;

            -- Per-aggregate sequence: the next number after the aggregate's last one. Two transactions racing on one
            -- aggregate collide on the unique constraint, so sequence order is commit order.
            CREATE FUNCTION {s}.outbox_events_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.sequence := coalesce((SELECT max(sequence) FROM {s}.{MessagingTables.OutboxEvents} WHERE aggregate_id = NEW.aggregate_id), 0) + 1;
                RETURN NEW;
            END $$;
            CREATE TRIGGER outbox_events_sequence BEFORE INSERT ON {s}.{MessagingTables.OutboxEvents}
                FOR EACH ROW EXECUTE FUNCTION {s}.outbox_events_sequence();

            -- Wakes the relay when the writing transaction commits (NOTIFY is delivered at commit).
            CREATE FUNCTION {s}.outbox_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('{MessagingTables.NotifyChannel(s)}', '');
                RETURN NULL;
            END $$;
            CREATE TRIGGER outbox_events_notify AFTER INSERT ON {s}.{MessagingTables.OutboxEvents}
                FOR EACH STATEMENT EXECUTE FUNCTION {s}.outbox_events_notify();

            CREATE TABLE {s}.{MessagingTables.OutboxDeliveries} (
                event_id uuid NOT NULL REFERENCES {s}.{MessagingTables.OutboxEvents} (event_id) ON DELETE CASCADE,
                subscriber text NOT NULL,
                attempts integer NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NOT NULL,
                delivered_at timestamptz NULL,
                last_error text NULL,
                PRIMARY KEY (event_id, subscriber)
            );
            CREATE INDEX ix_{MessagingTables.OutboxDeliveries}_pending ON {s}.{MessagingTables.OutboxDeliveries} (subscriber, next_attempt_at) WHERE delivered_at IS NULL;

            CREATE TABLE {s}.{MessagingTables.InboxEvents} (
                event_id uuid PRIMARY KEY,
                topic text NOT NULL,
                type text NOT NULL,
                handled_at timestamptz NOT NULL
            );
            CREATE INDEX ix_{MessagingTables.InboxEvents}_handled ON {s}.{MessagingTables.InboxEvents} (handled_at);

            CREATE TABLE {s}.{MessagingTables.InboxFailures} (
                event_id uuid PRIMARY KEY,
                attempts integer NOT NULL,
                last_error text NOT NULL,
                last_failed_at timestamptz NOT NULL
            );

            CREATE TABLE {s}.{MessagingTables.DeadLetters} (
                event_id uuid PRIMARY KEY,
                topic text NOT NULL,
                type text NOT NULL,
                payload bytea NOT NULL,
                traceparent text NULL,
                attempts integer NOT NULL,
                last_error text NOT NULL,
                dead_lettered_at timestamptz NOT NULL
            );
            """);
    }
}
