using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Ogi.Accountability.Api;
using Ogi.Accountability.Cases;
using Ogi.Accountability.Domain.Cases;
using Ogi.Accountability.Persistence;
using Ogi.Accountability.Rectification;
using Ogi.BuildingBlocks.Grpc.Server;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Messaging;

namespace Ogi.Accountability;

/// <summary>The accountability service's wiring, shared by Program.cs and the functional tests.</summary>
public static class AccountabilityHost
{
    public const string Section = "Accountability";

    public static void Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddEvents<AccountabilityDbContext>(ServiceIdentity.Accountability, AutomaticCases.Subscribe);
        var section = builder.Configuration.GetSection(Section);
        // AC-3 and AC-10 periods as a policy profile (CAL-5): 15 and 30 calendar days unless configured.
        builder.Services.AddSingleton(new AccountabilityProfile(
            section.GetValue("AcceptanceDays", AccountabilityProfile.Default.AcceptanceDays),
            section.GetValue("AppealDays", AccountabilityProfile.Default.AppealDays)));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Units>();
        builder.Services.AddScoped<CaseStore>();
        builder.Services.AddScoped<AccountabilityApi>();
        var interval = TimeSpan.FromSeconds(section.GetValue("RectificationWatchSeconds", 60.0));
        builder.Services.AddSingleton(sp => new RectificationWatch(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<TimeProvider>(),
            interval, sp.GetRequiredService<ILogger<RectificationWatch>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RectificationWatch>());
    }

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapEvents<AccountabilityDbContext>();
        app.MapGrpcService<AccountabilityApi>();
    }
}
