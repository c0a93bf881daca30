using Ogi.BuildingBlocks.Hosting;
using Ogi.Intake;
using Ogi.Intake.Persistence;

return await OgiHost.RunAsync<IntakeDbContext>(args, ServiceIdentity.Intake, IntakeHost.Configure, IntakeHost.Map);
