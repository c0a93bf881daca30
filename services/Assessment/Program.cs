using Ogi.Assessment;
using Ogi.Assessment.Persistence;
using Ogi.BuildingBlocks.Hosting;

return await OgiHost.RunAsync<AssessmentDbContext>(args, ServiceIdentity.Assessment, AssessmentHost.Configure, AssessmentHost.Map);
