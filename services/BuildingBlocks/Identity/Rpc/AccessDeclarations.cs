using System.Collections.Concurrent;
using Google.Protobuf.Reflection;
using Ogi.BuildingBlocks.Identity.Access;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.Contracts.Common.V1;
using ProtoKind = Ogi.Contracts.Common.V1.PrincipalKind;
using ProtoRole = Ogi.Contracts.Common.V1.StaffRole;

namespace Ogi.BuildingBlocks.Identity.Rpc;

/// <summary>Reads the <c>(ogi.common.v1.access)</c> option of RPCs into <see cref="AccessRule"/>s.</summary>
public static class AccessDeclarations
{
    private static readonly ConcurrentDictionary<MethodDescriptor, AccessRule?> Cache = new();

    /// <summary>The declared rule of <paramref name="method"/>, or null when it declares none (or admits nobody).</summary>
    public static AccessRule? Of(MethodDescriptor method) => Cache.GetOrAdd(method, Read);

    /// <summary>"pkg.Service/Method" of every RPC in <paramref name="services"/> that declares no access or admits nobody.</summary>
    public static IReadOnlyList<string> Undeclared(params ServiceDescriptor[] services) =>
        [.. services.SelectMany(s => s.Methods).Where(m => Of(m) is null).Select(m => $"{m.Service.FullName}/{m.Name}")];

    private static AccessRule? Read(MethodDescriptor method)
    {
        var options = method.GetOptions();
        if (options is null || !options.HasExtension(AccessExtensions.Access))
        {
            return null;
        }

        var access = options.GetExtension(AccessExtensions.Access);
        var kinds = access.Principals.Where(k => k != ProtoKind.Unspecified).Select(Kind).ToHashSet();
        var roles = access.StaffRoles.Where(r => r != ProtoRole.Unspecified).Select(Role).ToHashSet();
        return kinds.Count == 0 ? null : new AccessRule(kinds, roles);
    }

    private static Principals.PrincipalKind Kind(ProtoKind kind) => kind switch
    {
        ProtoKind.Staff => Principals.PrincipalKind.Staff,
        ProtoKind.ProvincialPlatform => Principals.PrincipalKind.ProvincialPlatform,
        ProtoKind.CountySystem => Principals.PrincipalKind.CountySystem,
        ProtoKind.PlatformService => Principals.PrincipalKind.PlatformService,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown principal kind in an access declaration"),
    };

    private static Principals.StaffRole Role(ProtoRole role) => role switch
    {
        ProtoRole.Clerk => Principals.StaffRole.Clerk,
        ProtoRole.OfficeHead => Principals.StaffRole.OfficeHead,
        ProtoRole.Reviewer => Principals.StaffRole.Reviewer,
        ProtoRole.ApprovingLeader => Principals.StaffRole.ApprovingLeader,
        ProtoRole.Coordinator => Principals.StaffRole.Coordinator,
        ProtoRole.Assessor => Principals.StaffRole.Assessor,
        ProtoRole.Supervisor => Principals.StaffRole.Supervisor,
        ProtoRole.CompetentDepartmentAdministrator => Principals.StaffRole.CompetentDepartmentAdministrator,
        ProtoRole.GeneralOffice => Principals.StaffRole.GeneralOffice,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown staff role in an access declaration"),
    };
}
