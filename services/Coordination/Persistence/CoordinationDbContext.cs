using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Messaging.Persistence;

namespace Ogi.Coordination.Persistence;

public sealed class CoordinationDbContext(DbContextOptions<CoordinationDbContext> options) : ServiceDbContext(options)
{
    protected override string Schema => ServiceIdentity.Coordination.Schema;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.MapMessaging();
    }
}
