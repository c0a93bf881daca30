using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ogi.Assessment.Api;
using Ogi.Assessment.Jobs;
using Ogi.Assessment.Persistence;
using Ogi.Assessment.ReadModel;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Grpc.Server;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Messaging;

namespace Ogi.Assessment;

/// <summary>The assessment service's wiring, shared by Program.cs and the functional tests.</summary>
public static class AssessmentHost
{
    public static void Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddEvents<AssessmentDbContext>(ServiceIdentity.Assessment, ReadModelHandlers.Subscribe);
        builder.Services.AddSingleton(sp => DeadlineCalculator.Create(CalendarOptions.FromConfiguration(builder.Configuration),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Ogi.Calendar")));
        // Assessment:OverdueScanSeconds: how often unfiled rectification reports are checked (AS-6, AS-7).
        var interval = TimeSpan.FromSeconds(builder.Configuration.GetValue("Assessment:OverdueScanSeconds", 300.0));
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<RectificationOverdueJob>(sp, interval));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RectificationOverdueJob>());
    }

    public static void Map(WebApplication app)
    {
        app.MapEvents<AssessmentDbContext>();
        app.MapGrpcService<AssessmentApi>();
    }
}
