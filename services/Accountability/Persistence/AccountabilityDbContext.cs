using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Messaging.Persistence;

namespace Ogi.Accountability.Persistence;

public sealed class AccountabilityDbContext(DbContextOptions<AccountabilityDbContext> options) : ServiceDbContext(options)
{
    protected override string Schema => ServiceIdentity.Accountability.Schema;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.MapMessaging();
    }
}
