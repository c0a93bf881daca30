using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Grpc.Server;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Messaging;
using Ogi.Coordination.Api;
using Ogi.Coordination.Application;
using Ogi.Coordination.Domain;
using Ogi.Coordination.Persistence;
using Pb = Ogi.Contracts.Coordination.V1;

namespace Ogi.Coordination;

/// <summary>The coordination service's wiring, shared by Program.cs and the functional tests.</summary>
public static class CoordinationHost
{
    public static void Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // CO-1: coordination is requested by intake (application documents) and secrecy-review (jointly produced items).
        builder.AddEvents<CoordinationDbContext>(ServiceIdentity.Coordination, events => events
            .Subscribe<Pb.CoordinationRequested>(Topics.Intake, CoordinationRequestedHandler.HandleAsync)
            .Subscribe<Pb.CoordinationRequested>(Topics.SecrecyReview, CoordinationRequestedHandler.HandleAsync));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => DeadlineCalculator.Create(CalendarOptions.FromConfiguration(builder.Configuration),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Ogi.Calendar")));
        builder.Services.AddSingleton<IAgencyDirectory, DirectoryListings>();
        builder.Services.AddScoped<CoordinationStore>();
        builder.Services.AddScoped<EventPublisher>();
        builder.Services.AddSingleton<LapsedLetterJob>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LapsedLetterJob>());
    }

    public static void Map(WebApplication app)
    {
        app.MapEvents<CoordinationDbContext>();
        app.MapGrpcService<CoordinationApi>();
    }
}
