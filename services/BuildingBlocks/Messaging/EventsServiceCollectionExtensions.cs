using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ogi.BuildingBlocks.Messaging.Receiving;

namespace Ogi.BuildingBlocks.Messaging;

/// <summary>Registration of the transport-independent parts: outbox, subscriptions, dispatcher.</summary>
public static class EventsServiceCollectionExtensions
{
    /// <summary>Registers the outbox and the receiving path of <typeparamref name="TContext"/>; declare handlers on the result.</summary>
    public static EventSubscriptions<TContext> AddEventsCore<TContext>(this IServiceCollection services, EventsOptions options)
        where TContext : DbContext
    {
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Outbox>();
        var subscriptions = new EventSubscriptions<TContext>();
        services.AddSingleton(subscriptions);
        services.AddSingleton<EventDispatcher<TContext>>();
        return subscriptions;
    }
}
