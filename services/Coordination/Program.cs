using Ogi.BuildingBlocks.Hosting;
using Ogi.Coordination.Persistence;

return await OgiHost.RunAsync<CoordinationDbContext>(args, ServiceIdentity.Coordination);
