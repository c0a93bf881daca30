using Google.Protobuf.Reflection;
using Ogi.BuildingBlocks.Identity.Rpc;
using Xunit;

namespace Ogi.BuildingBlocks.Testing;

/// <summary>Deny by default, checked at build time: each service's tests call this with its service descriptors.</summary>
public static class AccessDeclarationAssert
{
    /// <summary>Fails, listing them, when any RPC of <paramref name="services"/> has no <c>(ogi.common.v1.access)</c> declaration or admits nobody.</summary>
    public static void EveryRpcDeclaresAccess(params ServiceDescriptor[] services)
    {
        var undeclared = AccessDeclarations.Undeclared(services);
        Assert.True(undeclared.Count == 0,
            "RPCs without an (ogi.common.v1.access) declaration (they are refused to every caller): " + string.Join(", ", undeclared));
    }
}
