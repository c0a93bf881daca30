using Microsoft.EntityFrameworkCore.Migrations;

namespace Ogi.BuildingBlocks.Hosting.Persistence;

/// <summary>The audit table every service's first migration creates, append-only by trigger.</summary>
public static class AuditTrailMigration
{
    public const string Table = "audit_entries";

    public static void Up(MigrationBuilder migration, string schema)
    {
        migration.Sql($"""
            CREATE TABLE {schema}.{Table} (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                occurred_at timestamptz NOT NULL,
                actor text NOT NULL,
                action text NOT NULL,
                aggregate_type text NOT NULL,
                aggregate_id text NOT NULL,
                outcome text NOT NULL,
                details text NULL,
                previous_hash bytea NULL,
                hash bytea NULL
            );
            CREATE INDEX ix_{Table}_aggregate ON {schema}.{Table} (aggregate_type, aggregate_id);

            -- Append-only: the owner role itself cannot rewrite history.
            CREATE FUNCTION {schema}.audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit trail is append-only (% on %)', TG_OP, TG_TABLE_NAME;
            END $$;
            CREATE TRIGGER audit_entries_no_update_or_delete
                BEFORE UPDATE OR DELETE ON {schema}.{Table}
                FOR EACH ROW EXECUTE FUNCTION {schema}.audit_entries_append_only();
            CREATE TRIGGER audit_entries_no_truncate
                BEFORE TRUNCATE ON {schema}.{Table}
                FOR EACH STATEMENT EXECUTE FUNCTION {schema}.audit_entries_append_only();
            """);
    }
}
