using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ogi.Coordination.Persistence.Migrations;

/// <summary>Coordinations and their letters, third-party consultations and inconsistency reports, indexed for the queues, lists and the lapse job.</summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261121010000_Coordinations")]
public sealed class Coordinations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE TABLE coordination.coordinations (
            id uuid PRIMARY KEY,
            agency_code text NOT NULL,
            source text NOT NULL,
            item_reference text NOT NULL,
            application_id text NULL,
            request_id text NULL,
            status text NOT NULL,
            opened_on date NOT NULL,
            next_due_on date NULL,
            escalated_to text NULL,
            state jsonb NOT NULL,
            version integer NOT NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL
        );
        -- CoordinationRequested is idempotent by its request id.
        CREATE UNIQUE INDEX ix_coordinations_source_request_id ON coordination.coordinations (source, request_id) WHERE request_id IS NOT NULL;
        -- The releasing agency's list, newest first.
        CREATE INDEX ix_coordinations_agency_opened ON coordination.coordinations (agency_code, opened_on DESC, id);
        -- The lapse job: coordinations still awaiting answers, by their earliest due letter.
        CREATE INDEX ix_coordinations_awaiting_next_due ON coordination.coordinations (next_due_on) WHERE status = 'AwaitingAnswers';
        -- CO-3: the disputes escalated to a competent department.
        CREATE INDEX ix_coordinations_escalated_to ON coordination.coordinations (escalated_to) WHERE escalated_to IS NOT NULL;

        CREATE TABLE coordination.coordination_letters (
            coordination_id uuid NOT NULL REFERENCES coordination.coordinations (id) ON DELETE CASCADE,
            agency_code text NOT NULL,
            kind text NOT NULL,
            status text NOT NULL,
            due_on date NOT NULL,
            PRIMARY KEY (coordination_id, agency_code)
        );
        -- CO-2/CO-3: an agency's queue (letters awaiting its answer, soonest due first) and its incoming letters.
        CREATE INDEX ix_coordination_letters_agency_status_due ON coordination.coordination_letters (agency_code, status, due_on);

        CREATE TABLE coordination.third_party_consultations (
            id uuid PRIMARY KEY,
            agency_code text NOT NULL,
            source text NOT NULL,
            item_reference text NOT NULL,
            application_id text NULL,
            request_id text NULL,
            third_party_reference text NOT NULL,
            status text NOT NULL,
            sent_on date NOT NULL,
            due_on date NOT NULL,
            state jsonb NOT NULL,
            version integer NOT NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL
        );
        CREATE UNIQUE INDEX ix_third_party_consultations_request ON coordination.third_party_consultations (source, request_id, third_party_reference)
            WHERE request_id IS NOT NULL;
        CREATE INDEX ix_third_party_consultations_agency_sent ON coordination.third_party_consultations (agency_code, sent_on DESC, id);
        CREATE INDEX ix_third_party_consultations_awaiting_due ON coordination.third_party_consultations (due_on) WHERE status = 'AwaitingAnswers';

        CREATE TABLE coordination.inconsistency_reports (
            id uuid PRIMARY KEY,
            reporter text NOT NULL,
            reporting_agency_code text NULL,
            routed_by text NOT NULL,
            route text NOT NULL,
            routed_to_code text NOT NULL,
            description text NOT NULL,
            publications jsonb NOT NULL,
            reported_on date NOT NULL,
            created_at timestamptz NOT NULL
        );
        -- CO-7: the reports routed to a competent department or supervision, newest first.
        CREATE INDEX ix_inconsistency_reports_routed_to ON coordination.inconsistency_reports (routed_to_code, reported_on DESC);
        """);
}
