using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Messaging.Persistence;

namespace Ogi.Assessment.Persistence.Migrations;

/// <summary>Outbox, inbox and dead-letter tables (issue 4).</summary>
[DbContext(typeof(AssessmentDbContext))]
[Migration("20261121000100_Messaging")]
public sealed class Messaging : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => MessagingMigration.Up(migrationBuilder, ServiceIdentity.Assessment.Schema);
}
