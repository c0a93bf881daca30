using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Messaging;
using Ogi.Intake.Persistence;

// Events (issue 4): outbox relay and AppCallback; handlers are declared in AddEvents as the domain adds them.
return await OgiHost.RunAsync<IntakeDbContext>(args, ServiceIdentity.Intake,
    builder => builder.AddEvents<IntakeDbContext>(ServiceIdentity.Intake),
    app => app.MapEvents<IntakeDbContext>());
