using Ogi.BuildingBlocks.Hosting;
using Ogi.Assessment.Persistence;

return await OgiHost.RunAsync<AssessmentDbContext>(args, ServiceIdentity.Assessment);
