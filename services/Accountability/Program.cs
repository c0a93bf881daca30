using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Messaging;
using Ogi.Accountability.Persistence;

// Events (issue 4): outbox relay and AppCallback; handlers are declared in AddEvents as the domain adds them.
return await OgiHost.RunAsync<AccountabilityDbContext>(args, ServiceIdentity.Accountability,
    builder => builder.AddEvents<AccountabilityDbContext>(ServiceIdentity.Accountability),
    app => app.MapEvents<AccountabilityDbContext>());
