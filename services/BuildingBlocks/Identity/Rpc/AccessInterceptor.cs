using Microsoft.Extensions.Logging;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Identity.Access;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Identity.Tokens;

namespace Ogi.BuildingBlocks.Identity.Rpc;

/// <summary>
/// Every call passes here first: the bearer token is validated (UNAUTHENTICATED when missing or bad), then the RPC's
/// <c>(ogi.common.v1.access)</c> declaration is read from its MethodDescriptor and checked (PERMISSION_DENIED when the
/// caller is not admitted, or when the RPC declares nothing: deny by default). Health and reflection stay open.
/// The sidecar's AppCallback is admitted by the app API token instead (<see cref="AppApiToken"/>).
/// </summary>
public sealed partial class AccessInterceptor(AccessTokenValidator validator, AppApiToken appApiToken, ILogger<AccessInterceptor> logger) : Interceptor
{
    /// <summary>Services every prober and tool must reach without a token.</summary>
    public static readonly IReadOnlySet<string> OpenServices = new HashSet<string>(StringComparer.Ordinal)
    {
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
    };

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AdmitAsync(context);
        return await continuation(request, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AdmitAsync(context);
        return await continuation(requestStream, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AdmitAsync(context);
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AdmitAsync(context);
        await continuation(requestStream, responseStream, context);
    }

    private async Task AdmitAsync(ServerCallContext context)
    {
        if (OpenServices.Contains(context.ServiceMethod.ServiceName))
        {
            return;
        }

        if (context.ServiceMethod.ServiceName == AppApiToken.AppCallbackService)
        {
            if (!appApiToken.Matches(context.RequestHeaders.GetValue(AppApiToken.Header)))
            {
                LogUnauthenticated(logger, context.Method, "missing or wrong app API token");
                throw new RpcException(new Status(StatusCode.Unauthenticated, $"{AppApiToken.AppCallbackService} needs the sidecar's app API token ({AppApiToken.Header})"));
            }

            return;
        }

        TokenCheck check;
        try
        {
            check = await validator.ValidateAsync(BearerToken.From(context.RequestHeaders.GetValue(BearerToken.Header)), context.CancellationToken);
        }
        catch (AuthorityUnavailableException e)
        {
            LogAuthorityUnavailable(logger, e);
            throw new RpcException(new Status(StatusCode.Unavailable, e.Message));
        }

        if (check.Principal is not { } principal)
        {
            LogUnauthenticated(logger, context.Method, check.Failure!);
            throw new RpcException(new Status(StatusCode.Unauthenticated, check.Failure!));
        }

        var rule = context.MethodDescriptor is { } method ? AccessDeclarations.Of(method) : null;
        if (rule is null)
        {
            LogUndeclared(logger, context.Method);
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"{context.Method} declares no access; it is refused to everyone (deny by default)"));
        }

        if (!rule.Allows(principal))
        {
            LogRefused(logger, principal.ToString(), context.Method);
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"{OgiClaims.Name(principal.Kind)} {principal.Id} may not call {context.Method}; it admits {rule}"));
        }

        context.UserState[typeof(Principal)] = principal;
        context.GetHttpContext().SetOgiPrincipal(principal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method}: unauthenticated ({Reason})")]
    private static partial void LogUnauthenticated(ILogger logger, string method, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot check tokens: the OIDC authority is unreachable")]
    private static partial void LogAuthorityUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method}: the RPC has no access declaration")]
    private static partial void LogUndeclared(ILogger logger, string method);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} to {Principal}: not admitted by its access declaration")]
    private static partial void LogRefused(ILogger logger, string principal, string method);
}
