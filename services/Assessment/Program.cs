using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Messaging;
using Ogi.Assessment.Persistence;

// Events (issue 4): outbox relay and AppCallback; handlers are declared in AddEvents as the domain adds them.
return await OgiHost.RunAsync<AssessmentDbContext>(args, ServiceIdentity.Assessment,
    builder => builder.AddEvents<AssessmentDbContext>(ServiceIdentity.Assessment),
    app => app.MapEvents<AssessmentDbContext>());
