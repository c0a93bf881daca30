using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Grpc.Server;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Messaging;
using Ogi.Intake.Api;
using Ogi.Intake.Events;
using Ogi.Intake.Monitoring;
using Ogi.Intake.Notices;
using Ogi.Intake.Persistence;

namespace Ogi.Intake;

/// <summary>The intake service's wiring, shared by Program.cs and the functional tests.</summary>
public static class IntakeHost
{
    public static void Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = IntakeOptions.FromConfiguration(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => DeadlineCalculator.Create(CalendarOptions.FromConfiguration(builder.Configuration),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Ogi.Calendar")));
        builder.Services.AddScoped(sp => new ApplicationStore(sp.GetRequiredService<IntakeDbContext>(), sp.GetRequiredService<DeadlineCalculator>(),
            options.ApplicantKeySecret, options.WarningWorkingDays));
        builder.Services.AddSingleton<IntakeEventPublisher>();
        builder.Services.AddSingleton<SubmissionGroupCommit>();
        builder.Services.AddSingleton<NoticeWriter>();
        builder.Services.AddSingleton<DeadlineMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeadlineMonitor>());
        builder.AddEvents<IntakeDbContext>(ServiceIdentity.Intake, IntakeEventHandlers.Subscribe);
    }

    public static void Map(WebApplication app)
    {
        app.MapEvents<IntakeDbContext>();
        app.MapGrpcService<IntakeApi>();
    }
}
