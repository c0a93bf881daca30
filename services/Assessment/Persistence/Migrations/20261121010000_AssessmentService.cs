using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ogi.Assessment.Persistence.Migrations;

/// <summary>Schemes, assessments, campaigns, rectifications, annual reports and the measured-indicator read model.</summary>
[DbContext(typeof(AssessmentDbContext))]
[Migration("20261121010000_AssessmentService")]
public sealed class AssessmentService : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE TABLE assessment.schemes (
            id uuid PRIMARY KEY,
            year integer NOT NULL,
            level text NOT NULL,
            organiser_agency_code text NOT NULL,
            frozen boolean NOT NULL,
            document jsonb NOT NULL,
            version integer NOT NULL
        );
        CREATE TABLE assessment.assessments (
            id uuid PRIMARY KEY,
            scheme_id uuid NOT NULL REFERENCES assessment.schemes (id),
            year integer NOT NULL,
            level text NOT NULL,
            organiser_agency_code text NOT NULL,
            current_step text NOT NULL,
            log jsonb NOT NULL,
            version integer NOT NULL
        );
        CREATE INDEX ix_assessments_scheme ON assessment.assessments (scheme_id);
        CREATE TABLE assessment.campaigns (
            id uuid PRIMARY KEY,
            year integer NOT NULL,
            organiser_agency_code text NOT NULL,
            current_step text NOT NULL,
            log jsonb NOT NULL,
            version integer NOT NULL
        );
        CREATE TABLE assessment.rectifications (
            id uuid PRIMARY KEY,
            agency_code text NOT NULL,
            origin text NOT NULL,
            source_id uuid NOT NULL,
            problems text NOT NULL,
            notice_date date NOT NULL,
            due_date date NOT NULL,
            provisional boolean NOT NULL,
            calendar_version text NOT NULL,
            profile_name text NOT NULL,
            report_filed_on date NULL,
            report text NULL,
            adequate boolean NULL,
            measure text NULL,
            conclusion_reason text NULL,
            decided_by text NULL,
            decided_at timestamptz NULL,
            overdue_reported_on date NULL,
            version integer NOT NULL
        );
        CREATE INDEX ix_rectifications_agency ON assessment.rectifications (agency_code, notice_date DESC);
        -- AS-6/AS-7 overdue scan: only reports still owed and not yet reported overdue.
        CREATE INDEX ix_rectifications_owed ON assessment.rectifications (due_date)
            WHERE report_filed_on IS NULL AND overdue_reported_on IS NULL;
        CREATE TABLE assessment.annual_reports (
            agency_code text NOT NULL,
            year integer NOT NULL,
            text jsonb NULL,
            table2 jsonb NULL,
            table3_corrections jsonb NOT NULL,
            published_on date NULL,
            published_table3 jsonb NULL,
            version integer NOT NULL,
            PRIMARY KEY (agency_code, year)
        );
        CREATE TABLE assessment.review_cases (
            agency_code text NOT NULL,
            year integer NOT NULL,
            case_reference text NOT NULL,
            proceeding text NOT NULL,
            result text NOT NULL,
            PRIMARY KEY (agency_code, year, case_reference)
        );

        CREATE TABLE assessment.application_facts (
            application_id uuid PRIMARY KEY,
            agency_code text NOT NULL,
            tracking_number text NULL,
            applicant_type smallint NOT NULL,
            received_on date NULL,
            deadline date NULL,
            suspended boolean NOT NULL,
            replied_on date NULL,
            outcome_row smallint NULL,
            late boolean NULL,
            breached_on date NULL
        );
        -- AS-4: an agency's replies in a period, and its breaches in a period.
        CREATE INDEX ix_application_facts_agency_replied ON assessment.application_facts (agency_code, replied_on);
        CREATE INDEX ix_application_facts_agency_breached ON assessment.application_facts (agency_code, breached_on)
            WHERE breached_on IS NOT NULL;
        -- AS-8: table 三 reads these counts (a few hundred rows per agency), kept by the handlers.
        CREATE TABLE assessment.table3_counts (
            agency_code text NOT NULL,
            year integer NOT NULL,
            row smallint NOT NULL,
            applicant_type smallint NOT NULL,
            count bigint NOT NULL,
            PRIMARY KEY (agency_code, year, row, applicant_type)
        );
        CREATE TABLE assessment.release_facts (
            item_id text PRIMARY KEY,
            agency_code text NOT NULL,
            proactive boolean NOT NULL,
            reviewed boolean NOT NULL,
            released_on date NOT NULL,
            publication_deadline date NULL,
            within_period boolean NOT NULL
        );
        CREATE INDEX ix_release_facts_agency_released ON assessment.release_facts (agency_code, released_on);
        CREATE TABLE assessment.letter_facts (
            coordination_id text NOT NULL,
            agency_code text NOT NULL,
            due_on date NOT NULL,
            answered_on date NULL,
            on_time boolean NOT NULL,
            PRIMARY KEY (coordination_id, agency_code)
        );
        CREATE INDEX ix_letter_facts_agency_due ON assessment.letter_facts (agency_code, due_on);
        CREATE TABLE assessment.complaint_facts (
            case_id text PRIMARY KEY,
            agency_code text NOT NULL,
            due_on date NOT NULL,
            answered_on date NOT NULL,
            on_time boolean NOT NULL
        );
        CREATE INDEX ix_complaint_facts_agency_answered ON assessment.complaint_facts (agency_code, answered_on);
        CREATE TABLE assessment.accountability_decisions (
            case_id text PRIMARY KEY,
            agency_code text NOT NULL,
            violation text NOT NULL,
            decided_on date NOT NULL
        );
        CREATE INDEX ix_accountability_decisions_agency ON assessment.accountability_decisions (agency_code, decided_on);
        """);
}
