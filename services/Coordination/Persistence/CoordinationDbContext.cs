using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;

namespace Ogi.Coordination.Persistence;

public sealed class CoordinationDbContext(DbContextOptions<CoordinationDbContext> options) : ServiceDbContext(options)
{
    protected override string Schema => ServiceIdentity.Coordination.Schema;
}
