using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Grpc.Server;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Messaging;
using Ogi.SecrecyReview.Api;
using Ogi.SecrecyReview.Application;
using Ogi.SecrecyReview.Persistence;
using Co = Ogi.Contracts.Coordination.V1;
using In = Ogi.Contracts.Intake.V1;

namespace Ogi.SecrecyReview;

/// <summary>The production wiring of secrecy-review, shared by Program.cs and the functional tests.</summary>
public static class SecrecyReviewHost
{
    public static void Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddEvents<SecrecyReviewDbContext>(ServiceIdentity.SecrecyReview, events => events
            .Subscribe<In.ReviewRequested>(Topics.Intake, ReviewEventHandlers.OnReviewRequested)
            .Subscribe<Co.CoordinationConcluded>(Topics.Coordination, ReviewEventHandlers.OnCoordinationConcluded));
        var calendar = CalendarOptions.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(sp => DeadlineCalculator.Create(calendar, sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("Ogi.Calendar")));
        builder.Services.AddSingleton<ReviewEvents>();
    }

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapEvents<SecrecyReviewDbContext>();
        app.MapGrpcService<ReviewApi>();
    }
}
