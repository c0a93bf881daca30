using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ogi.Accountability.Persistence.Migrations;

/// <summary>Cases, the records per unit and person (AC-12), and the units assessments graded 不合格.</summary>
[DbContext(typeof(AccountabilityDbContext))]
[Migration("20261121010000_Cases")]
public sealed class Cases : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE TABLE accountability.cases (
            id uuid PRIMARY KEY,
            case_key text NOT NULL,
            source_kind text NOT NULL,
            status text NOT NULL,
            unit_code text NOT NULL,
            handling_agency_code text NOT NULL,
            tracking_code text NULL,
            filed_by text NULL,
            opened_on date NOT NULL,
            acceptance_due date NULL,
            rectification_due date NULL,
            rectification_reported_on date NULL,
            escalated_on date NULL,
            state jsonb NOT NULL,
            version integer NOT NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL
        );
        -- AC-1: one source, one case, however often the source is delivered.
        CREATE UNIQUE INDEX ix_cases_case_key ON accountability.cases (case_key);
        CREATE UNIQUE INDEX ix_cases_tracking_code ON accountability.cases (tracking_code);
        -- Lists: a handling agency's cases, newest first, optionally by status.
        CREATE INDEX ix_cases_handling_opened ON accountability.cases (handling_agency_code, opened_on DESC, id);
        CREATE INDEX ix_cases_handling_status ON accountability.cases (handling_agency_code, status, opened_on DESC);
        -- AC-3 queue: reports waiting for acceptance, by due day.
        CREATE INDEX ix_cases_awaiting_acceptance ON accountability.cases (handling_agency_code, acceptance_due)
            WHERE status = 'Registered';
        -- AC-11 watch: ordered rectification with no report and no escalation yet.
        CREATE INDEX ix_cases_rectification_open ON accountability.cases (rectification_due)
            WHERE rectification_due IS NOT NULL AND rectification_reported_on IS NULL AND escalated_on IS NULL;

        CREATE TABLE accountability.records (
            case_id uuid NOT NULL,
            subject_kind text NOT NULL,
            subject_key text NOT NULL,
            unit_name text NULL,
            violation text NOT NULL,
            severity text NOT NULL,
            direct_responsibility boolean NOT NULL,
            occurred_on date NOT NULL,
            decided_on date NOT NULL,
            measures text[] NOT NULL,
            revoked boolean NOT NULL,
            PRIMARY KEY (case_id, subject_kind, subject_key)
        );
        -- AC-12: one unit's or person's record, by when the violation occurred.
        CREATE INDEX ix_records_subject ON accountability.records (subject_kind, subject_key, occurred_on);

        CREATE TABLE accountability.failed_assessments (
            assessment_id text NOT NULL,
            agency_code text NOT NULL,
            year integer NOT NULL,
            level text NOT NULL,
            PRIMARY KEY (assessment_id, agency_code)
        );
        CREATE INDEX ix_failed_assessments_agency ON accountability.failed_assessments (agency_code, year);
        """);
}
