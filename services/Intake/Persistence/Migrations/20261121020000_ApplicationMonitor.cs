using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ogi.Intake.Persistence.Migrations;

/// <summary>
/// The monitor's due date per application, and list indexes that match keyset paging (newest first, id as the
/// tie-breaker) and the searches, at a million applications.
/// </summary>
[DbContext(typeof(IntakeDbContext))]
[Migration("20261121020000_ApplicationMonitor")]
public sealed class ApplicationMonitor : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE intake.applications ADD COLUMN monitor_due_on date NULL;
        -- INT-4, INT-7, INT-10: the monitor takes what is due today; only rows with something pending are indexed.
        CREATE INDEX ix_applications_monitor_due ON intake.applications (monitor_due_on) WHERE monitor_due_on IS NOT NULL;
        -- Calendar reloads recompute every open application's deadline, walking them by id.
        CREATE INDEX ix_applications_open_id ON intake.applications (id)
            WHERE status IN ('ReceivedUnconfirmed', 'InProgress', 'AwaitingCorrection');
        -- INT-12 lists: keyset paging on (submitted_on, id), both descending.
        DROP INDEX intake.ix_applications_agency_submitted;
        DROP INDEX intake.ix_applications_agency_status;
        CREATE INDEX ix_applications_agency_submitted ON intake.applications (agency_code, submitted_on DESC, id DESC);
        CREATE INDEX ix_applications_agency_status ON intake.applications (agency_code, status, submitted_on DESC, id DESC);
        -- INT-12 search: tracking-number prefix within an agency, and open applications by deadline.
        CREATE INDEX ix_applications_agency_tracking_prefix ON intake.applications (agency_code, tracking_number text_pattern_ops);
        CREATE INDEX ix_applications_agency_open_deadline ON intake.applications (agency_code, deadline)
            WHERE status IN ('ReceivedUnconfirmed', 'InProgress', 'AwaitingCorrection');
        """);
}
