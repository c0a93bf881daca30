using System.Linq.Expressions;
using System.Reflection;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.Extensions.Logging;

namespace Ogi.BuildingBlocks.Grpc.Server;

/// <summary>
/// Receives the methods a generated BindService declares and maps each to an endpoint whose handler gets the
/// service instance for the call (from DI, or created) and runs the interceptors around the service method.
/// </summary>
internal sealed class ServiceMethodBinder<TService>(
    IEndpointRouteBuilder endpoints, ServiceDescriptor? descriptor, GrpcServerOptions options, Interceptor[] interceptors, ILogger logger)
    : ServiceBinderBase
    where TService : class
{
    private readonly ObjectFactory _factory = ActivatorUtilities.CreateFactory(typeof(TService), Type.EmptyTypes);

    // Known once at mapping: most services are not registered, and a failed lookup per call is wasted work.
    private readonly bool _registered = endpoints.ServiceProvider.GetService<IServiceProviderIsService>()?.IsService(typeof(TService)) ?? true;

    public List<IEndpointConventionBuilder> Endpoints { get; } = [];

    public HashSet<string> Services { get; } = [];

    public HashSet<string> MethodNames { get; } = new(StringComparer.Ordinal);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        var invoke = Bind<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>(method, typeof(TRequest), typeof(ServerCallContext));
        UnaryServerMethod<TRequest, TResponse> pipeline = (request, context) => invoke(Service(context), request, context);
        foreach (var interceptor in interceptors.Reverse())
        {
            var next = pipeline;
            pipeline = (request, context) => interceptor.UnaryServerHandler(request, context, next);
        }

        Map(method, pipeline);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var invoke = Bind<Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>>(method, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
        ClientStreamingServerMethod<TRequest, TResponse> pipeline = (requests, context) => invoke(Service(context), requests, context);
        foreach (var interceptor in interceptors.Reverse())
        {
            var next = pipeline;
            pipeline = (requests, context) => interceptor.ClientStreamingServerHandler(requests, context, next);
        }

        Map(method, pipeline);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var invoke = Bind<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(method, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        ServerStreamingServerMethod<TRequest, TResponse> pipeline = (request, responses, context) => invoke(Service(context), request, responses, context);
        foreach (var interceptor in interceptors.Reverse())
        {
            var next = pipeline;
            pipeline = (request, responses, context) => interceptor.ServerStreamingServerHandler(request, responses, context, next);
        }

        Map(method, pipeline);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var invoke = Bind<Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(method, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        DuplexStreamingServerMethod<TRequest, TResponse> pipeline = (requests, responses, context) => invoke(Service(context), requests, responses, context);
        foreach (var interceptor in interceptors.Reverse())
        {
            var next = pipeline;
            pipeline = (requests, responses, context) => interceptor.DuplexStreamingServerHandler(requests, responses, context, next);
        }

        Map(method, pipeline);
    }

    /// <summary>
    /// A compiled call of the (virtual) service method, so each call dispatches to the overriding implementation: a
    /// plain virtual call, where an open-instance delegate over a virtual method resolves its target on every call.
    /// </summary>
    private static TDelegate Bind<TDelegate>(IMethod method, params Type[] parameters)
        where TDelegate : Delegate
    {
        var info = typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, parameters)
            ?? throw new InvalidOperationException($"{typeof(TService).Name} has no method {method.Name}.");
        var service = Expression.Parameter(typeof(TService), "service");
        var arguments = parameters.Select(Expression.Parameter).ToArray();
        return Expression.Lambda<TDelegate>(Expression.Call(service, info, arguments), [service, .. arguments]).Compile();
    }

    private TService Service(ServerCallContext context)
    {
        var services = context.GetHttpContext().RequestServices;
        if (_registered && services.GetService<TService>() is { } registered)
        {
            return registered;
        }

        var created = (TService)_factory(services, null);
        if (created is IAsyncDisposable or IDisposable)
        {
            context.GetHttpContext().Response.RegisterForDisposeAsync(created as IAsyncDisposable ?? new SyncDisposer((IDisposable)created));
        }

        return created;
    }

    private void Map<TRequest, TResponse>(Method<TRequest, TResponse> method, Delegate pipeline)
        where TRequest : class
        where TResponse : class
    {
        Services.Add(method.ServiceName);
        MethodNames.Add(method.Name);
        var handler = new ServerCallHandler<TRequest, TResponse>(method, descriptor?.FindMethodByName(method.Name), pipeline, options, logger);
        var endpoint = endpoints.Map(RoutePatternFactory.Parse(method.FullName), handler.HandleCallAsync)
            .WithMetadata(new HttpMethodMetadata(["POST"]))
            .WithDisplayName("gRPC " + method.FullName);
        Endpoints.Add(endpoint);
    }

    private sealed class SyncDisposer(IDisposable disposable) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            disposable.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
