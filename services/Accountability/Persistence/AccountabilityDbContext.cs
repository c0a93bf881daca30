using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;

namespace Ogi.Accountability.Persistence;

public sealed class AccountabilityDbContext(DbContextOptions<AccountabilityDbContext> options) : ServiceDbContext(options)
{
    protected override string Schema => ServiceIdentity.Accountability.Schema;
}
