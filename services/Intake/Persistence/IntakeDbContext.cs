using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;

namespace Ogi.Intake.Persistence;

public sealed class IntakeDbContext(DbContextOptions<IntakeDbContext> options) : ServiceDbContext(options)
{
    protected override string Schema => ServiceIdentity.Intake.Schema;
}
