using System.Reflection;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
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

        var serviceName = binder.Services.First();
        registry.Add(serviceName, descriptor);
        MapUnimplemented(endpoints, registry, serviceName, binder.MethodNames);
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

    /// <summary>
    /// Any other POST /x/y answers UNIMPLEMENTED (a gRPC status, not an HTTP 404): a route per service for its unknown
    /// methods, and one per application for unknown services. Their parameters never stand for a served name, so the
    /// route matcher keeps them off the served paths: a served call matches its one literal endpoint, without route
    /// values captured (two substrings and a dictionary) or a second candidate weighed on every call.
    /// </summary>
    private static void MapUnimplemented(IEndpointRouteBuilder endpoints, GrpcServiceRegistry registry, string serviceName, IReadOnlySet<string> methodNames)
    {
        MapUnimplementedRoute(endpoints, "/" + serviceName + "/{unimplementedMethod}", "unimplementedMethod", methodNames.Contains, _ => "Method is unimplemented.");
        if (registry.TryClaimUnimplementedRoute())
        {
            MapUnimplementedRoute(endpoints, "/{unimplementedService}/{unimplementedMethod}", "unimplementedService", registry.IsKnown,
                http => registry.IsKnown(http.Request.RouteValues["unimplementedService"]?.ToString() ?? "") ? "Method is unimplemented." : "Service is unimplemented.");
        }
    }

    private static void MapUnimplementedRoute(IEndpointRouteBuilder endpoints, string pattern, string parameter, Func<string, bool> isServed, Func<HttpContext, string> message)
    {
        var route = RoutePatternFactory.Parse(pattern, defaults: null, parameterPolicies: new RouteValueDictionary { [parameter] = new NotAServedName(isServed) });
        endpoints.Map(route, http =>
            {
                if (ServerCallHandler<object, object>.RefusalOf(http) is { } refusal)
                {
                    return refusal;
                }

                http.Response.ContentType = GrpcProtocol.ContentType;
                http.Response.Headers[GrpcProtocol.StatusTrailer] = ((int)StatusCode.Unimplemented).ToString(System.Globalization.CultureInfo.InvariantCulture);
                http.Response.Headers[GrpcProtocol.MessageTrailer] = message(http);
                return Task.CompletedTask;
            })
            .WithMetadata(new HttpMethodMetadata(["POST"]))
            .Add(b => ((RouteEndpointBuilder)b).Order = int.MaxValue);
    }

    /// <summary>A route parameter for any name but a served one: the matcher leaves it out of served literal paths.</summary>
    private sealed class NotAServedName(Func<string, bool> isServed) : IRouteConstraint, IParameterLiteralNodeMatchingPolicy
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            values.TryGetValue(routeKey, out var value) && value is string name && !isServed(name);

        public bool MatchesLiteral(string parameterName, string literal) => !isServed(literal);
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
