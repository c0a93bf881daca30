using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;

namespace Ogi.Assessment.Persistence;

public sealed class AssessmentDbContext(DbContextOptions<AssessmentDbContext> options) : ServiceDbContext(options)
{
    protected override string Schema => ServiceIdentity.Assessment.Schema;
}
