using Ogi.Accountability;
using Ogi.Accountability.Persistence;
using Ogi.BuildingBlocks.Hosting;

return await OgiHost.RunAsync<AccountabilityDbContext>(args, ServiceIdentity.Accountability, AccountabilityHost.Configure, AccountabilityHost.Map);
