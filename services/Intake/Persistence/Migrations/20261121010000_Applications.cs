using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ogi.Intake.Persistence.Migrations;

/// <summary>Applications and their tracking-number sequences, indexed for the monitor and the lists at a million rows.</summary>
[DbContext(typeof(IntakeDbContext))]
[Migration("20261121010000_Applications")]
public sealed class Applications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE TABLE intake.applications (
            id uuid PRIMARY KEY,
            agency_code text NOT NULL,
            tracking_number text NOT NULL,
            submitted_by text NOT NULL,
            request_id text NOT NULL,
            verification_code_hash bytea NOT NULL,
            applicant_key bytea NOT NULL,
            status text NOT NULL,
            applicant_type text NOT NULL,
            submitted_on date NOT NULL,
            received_on date NULL,
            deadline date NULL,
            replied_on date NULL,
            outcome text NULL,
            state jsonb NOT NULL,
            version integer NOT NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL
        );
        CREATE UNIQUE INDEX ix_applications_tracking_number ON intake.applications (tracking_number);
        -- INT-1: the same platform request id always finds the same application.
        CREATE UNIQUE INDEX ix_applications_submitted_by_request_id ON intake.applications (submitted_by, request_id);
        -- INT-10 monitor: open applications by deadline.
        CREATE INDEX ix_applications_open_deadline ON intake.applications (deadline)
            WHERE status IN ('ReceivedUnconfirmed', 'InProgress', 'AwaitingCorrection');
        -- INT-12 staff lists: an agency's applications, newest first, optionally by status.
        CREATE INDEX ix_applications_agency_submitted ON intake.applications (agency_code, submitted_on DESC, id);
        CREATE INDEX ix_applications_agency_status ON intake.applications (agency_code, status, submitted_on DESC);
        -- INT-7: an applicant's applications this month.
        CREATE INDEX ix_applications_applicant_month ON intake.applications (applicant_key, submitted_on);

        CREATE TABLE intake.tracking_sequences (
            agency_code text NOT NULL,
            year integer NOT NULL,
            last_value bigint NOT NULL,
            PRIMARY KEY (agency_code, year)
        );
        """);
}
