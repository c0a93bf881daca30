using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Identity.Principals;

namespace Ogi.BuildingBlocks.Identity.Rpc;

public static class CallerExtensions
{
    /// <summary>The authenticated caller, admitted by <see cref="AccessInterceptor"/> before the handler runs.</summary>
    public static Principal Caller(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.UserState.TryGetValue(typeof(Principal), out var principal)
            ? (Principal)principal
            : throw new InvalidOperationException($"{context.Method} ran without an authenticated caller; is AccessInterceptor registered?");
    }
}
