using Ogi.BuildingBlocks.Hosting;
using Ogi.Accountability.Persistence;

return await OgiHost.RunAsync<AccountabilityDbContext>(args, ServiceIdentity.Accountability);
