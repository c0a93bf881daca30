using Ogi.BuildingBlocks.Hosting;
using Ogi.Coordination;
using Ogi.Coordination.Persistence;

return await OgiHost.RunAsync<CoordinationDbContext>(args, ServiceIdentity.Coordination, CoordinationHost.Configure, CoordinationHost.Map);
