using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ogi.Intake.Persistence.Migrations;

/// <summary>
/// No query reads open applications by deadline across agencies any more (the monitor reads monitor_due_on, staff
/// search by deadline within an agency uses ix_applications_agency_open_deadline), and every submission paid for
/// keeping this index.
/// </summary>
[DbContext(typeof(IntakeDbContext))]
[Migration("20261122000000_DropUnusedDeadlineIndex")]
public sealed class DropUnusedDeadlineIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP INDEX IF EXISTS intake.ix_applications_open_deadline;
        """);
}
