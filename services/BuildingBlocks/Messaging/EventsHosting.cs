using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ogi.BuildingBlocks.Identity.Tokens;
using Ogi.BuildingBlocks.Grpc.Server;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Messaging.Dapr;
using Ogi.BuildingBlocks.Messaging.Feed;
using Ogi.BuildingBlocks.Messaging.Receiving;
using Ogi.BuildingBlocks.Messaging.Relay;

namespace Ogi.BuildingBlocks.Messaging;

/// <summary>
/// Wiring for a service host: <c>builder.AddEvents&lt;IntakeDbContext&gt;(ServiceIdentity.Intake, events => events.Subscribe&lt;ReviewConcluded&gt;(...))</c>
/// in services, then <c>app.MapEvents&lt;IntakeDbContext&gt;()</c>. Configuration: see <see cref="EventsOptions"/> (section "Events").
/// </summary>
public static class EventsHosting
{
    public static WebApplicationBuilder AddEvents<TContext>(this WebApplicationBuilder builder, ServiceIdentity service,
        Action<EventSubscriptions<TContext>>? subscribe = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(service);
        var options = builder.Configuration.GetSection(EventsOptions.Section).Get<EventsOptions>() ?? new EventsOptions();
        var subscriptions = builder.Services.AddEventsCore<TContext>(options);
        subscribe?.Invoke(subscriptions);

        if (options.Mode == EventsMode.Dapr)
        {
            builder.Services.AddSingleton<IEventTransport>(_ => new DaprTransport(options));
        }
        else
        {
            builder.Services.AddSingleton<IEventTransport>(sp => new DirectTransport(options, sp.GetRequiredService<ILogger<DirectTransport>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<AppApiToken>()));
        }

        builder.Services.AddSingleton(sp => new OutboxRelay(
            sp.GetRequiredService<DatabaseSettings>().RequireConnectionString(), service.Schema, service.Name,
            sp.GetRequiredService<IEventTransport>(), options, sp.GetRequiredService<ILogger<OutboxRelay>>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        builder.Services.AddSingleton<AppCallbackService<TContext>>();
        builder.Services.AddSingleton<DecisionFeed>();
        return builder;
    }

    /// <summary>
    /// Serves dapr.proto.runtime.v1.AppCallback for the handlers declared in <see cref="AddEvents{TContext}"/>, and
    /// ogi.common.v1.DecisionFeedService for the decisions the service publishes.
    /// </summary>
    public static WebApplication MapEvents<TContext>(this WebApplication app)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGrpcService<AppCallbackService<TContext>>();
        app.MapGrpcService<DecisionFeed>();
        return app;
    }
}
