using System.Reflection;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ogi.BuildingBlocks.Grpc.Health;
using Ogi.BuildingBlocks.Grpc.Protocol;
using Ogi.BuildingBlocks.Grpc.Reflection;

namespace Ogi.BuildingBlocks.Grpc.Server;

public static class GrpcServerExtensions
{
    /// <summary>Adds the gRPC server: options, the registry of mapped services, health and reflection.</summary>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddSingleton<HealthStatusRegistry>();
        services.TryAddSingleton<HealthService>();
        services.TryAddSingleton<ReflectionServiceV1>();
        services.TryAddSingleton<ReflectionServiceV1Alpha>();
        return services;
    }

    /// <summary>
    /// Serves <typeparamref name="TService"/> (a class deriving from a generated XxxServiceBase): each method at
    /// POST /pkg.Service/Method. The service is taken from DI when registered, else created per call.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var registry = services.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call services.AddGrpcServer() before mapping gRPC services.");
        var options = services.GetRequiredService<IOptions<GrpcServerOptions>>().Value;
        var interceptors = options.Interceptors
            .Select(t => (Interceptor)ActivatorUtilities.GetServiceOrCreateInstance(services, t))
            .ToArray();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Ogi.Grpc.Server");

        var (bindType, bindMethod) = FindBindMethod(typeof(TService));
        var descriptor = bindType.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as ServiceDescriptor;
        var binder = new ServiceMethodBinder<TService>(endpoints, descriptor, options, interceptors, logger);
        bindMethod.Invoke(null, [binder, null]);
        if (binder.Services.Count == 0)
        {
            throw new InvalidOperationException($"{typeof(TService).Name} has no gRPC methods.");
        }

        registry.Add(binder.Services.First(), descriptor);
        MapUnimplemented(endpoints, registry);
        return new CompositeConventionBuilder(binder.Endpoints);
    }

    /// <summary>Serves grpc.health.v1.Health and grpc.reflection v1 / v1alpha, so probes, grpcurl and Postman work.</summary>
    public static IEndpointRouteBuilder MapGrpcStandardServices(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<HealthService>();
        endpoints.MapGrpcService<ReflectionServiceV1>();
        endpoints.MapGrpcService<ReflectionServiceV1Alpha>();
        return endpoints;
    }

    private static (Type BindType, MethodInfo BindMethod) FindBindMethod(Type service)
    {
        for (var type = service; type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } attribute)
            {
                var method = attribute.BindType.GetMethod(attribute.BindMethodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(ServiceBinderBase), type])
                    ?? throw new InvalidOperationException($"{attribute.BindType.Name}.{attribute.BindMethodName}(ServiceBinderBase, {type.Name}) not found.");
                return (attribute.BindType, method);
            }
        }

        throw new InvalidOperationException($"{service.Name} does not derive from a generated gRPC service base class.");
    }

    /// <summary>Any other POST /x/y answers UNIMPLEMENTED (a gRPC status, not an HTTP 404), once per application.</summary>
    private static void MapUnimplemented(IEndpointRouteBuilder endpoints, GrpcServiceRegistry registry)
    {
        if (!registry.TryClaimUnimplementedRoute())
        {
            return;
        }

        endpoints.Map(RoutePatternFactory.Parse("/{unimplementedService}/{unimplementedMethod}"), async http =>
            {
                if (!await ServerCallHandler<object, object>.CheckRequestAsync(http).ConfigureAwait(false))
                {
                    return;
                }

                var service = http.Request.RouteValues["unimplementedService"]?.ToString() ?? "";
                var message = registry.IsKnown(service) ? "Method is unimplemented." : "Service is unimplemented.";
                http.Response.ContentType = GrpcProtocol.ContentType;
                http.Response.Headers[GrpcProtocol.StatusTrailer] = ((int)StatusCode.Unimplemented).ToString(System.Globalization.CultureInfo.InvariantCulture);
                http.Response.Headers[GrpcProtocol.MessageTrailer] = message;
            })
            .WithMetadata(new HttpMethodMetadata(["POST"]))
            .Add(b => ((RouteEndpointBuilder)b).Order = int.MaxValue);
    }

    private sealed class CompositeConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (var builder in builders)
            {
                builder.Finally(finallyConvention);
            }
        }
    }
}

/// <summary>The services mapped in this application: what health knows by name and reflection describes.</summary>
public sealed class GrpcServiceRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServiceDescriptor?> _services = new(StringComparer.Ordinal);
    private bool _unimplementedMapped;

    public IReadOnlyList<string> ServiceNames
    {
        get
        {
            lock (_gate)
            {
                return [.. _services.Keys];
            }
        }
    }

    public IReadOnlyList<ServiceDescriptor> Descriptors
    {
        get
        {
            lock (_gate)
            {
                return [.. _services.Values.OfType<ServiceDescriptor>()];
            }
        }
    }

    public bool IsKnown(string serviceName)
    {
        lock (_gate)
        {
            return _services.ContainsKey(serviceName);
        }
    }

    internal void Add(string serviceName, ServiceDescriptor? descriptor)
    {
        lock (_gate)
        {
            _services[serviceName] = descriptor;
        }
    }

    internal bool TryClaimUnimplementedRoute()
    {
        lock (_gate)
        {
            var first = !_unimplementedMapped;
            _unimplementedMapped = true;
            return first;
        }
    }
}
