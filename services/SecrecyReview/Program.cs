using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Messaging;
using Ogi.SecrecyReview.Persistence;

// Events (issue 4): outbox relay and AppCallback; handlers are declared in AddEvents as the domain adds them.
return await OgiHost.RunAsync<SecrecyReviewDbContext>(args, ServiceIdentity.SecrecyReview,
    builder => builder.AddEvents<SecrecyReviewDbContext>(ServiceIdentity.SecrecyReview),
    app => app.MapEvents<SecrecyReviewDbContext>());
