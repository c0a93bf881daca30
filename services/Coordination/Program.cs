using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Messaging;
using Ogi.Coordination.Persistence;

// Events (issue 4): outbox relay and AppCallback; handlers are declared in AddEvents as the domain adds them.
return await OgiHost.RunAsync<CoordinationDbContext>(args, ServiceIdentity.Coordination,
    builder => builder.AddEvents<CoordinationDbContext>(ServiceIdentity.Coordination),
    app => app.MapEvents<CoordinationDbContext>());
