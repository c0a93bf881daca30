using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;

namespace Ogi.Assessment.Persistence.Migrations;

[DbContext(typeof(AssessmentDbContext))]
[Migration("20261121000000_AuditTrail")]
public sealed class AuditTrail : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => AuditTrailMigration.Up(migrationBuilder, ServiceIdentity.Assessment.Schema);
}
