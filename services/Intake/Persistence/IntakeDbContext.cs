using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Messaging.Persistence;

namespace Ogi.Intake.Persistence;

public sealed class IntakeDbContext(DbContextOptions<IntakeDbContext> options) : ServiceDbContext(options)
{
    protected override string Schema => ServiceIdentity.Intake.Schema;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.MapMessaging();
    }
}
