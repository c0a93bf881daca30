using Ogi.BuildingBlocks.Hosting;
using Ogi.Intake.Persistence;

return await OgiHost.RunAsync<IntakeDbContext>(args, ServiceIdentity.Intake);
