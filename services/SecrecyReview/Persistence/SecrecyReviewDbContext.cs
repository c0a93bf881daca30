using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Messaging.Persistence;

namespace Ogi.SecrecyReview.Persistence;

public sealed class SecrecyReviewDbContext(DbContextOptions<SecrecyReviewDbContext> options) : ServiceDbContext(options)
{
    protected override string Schema => ServiceIdentity.SecrecyReview.Schema;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.MapMessaging();
    }
}
