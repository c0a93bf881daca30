using Ogi.BuildingBlocks.Identity.Principals;

namespace Ogi.BuildingBlocks.Identity.Access;

/// <summary>
/// Who may call one RPC: principal kinds, and for staff the roles of which one is enough (no roles listed: any staff).
/// Deny by default: an empty rule admits nobody.
/// </summary>
public sealed record AccessRule(IReadOnlySet<PrincipalKind> Kinds, IReadOnlySet<StaffRole> StaffRoles)
{
    public bool Allows(Principal principal) =>
        Kinds.Contains(principal.Kind)
        && (principal.Kind != PrincipalKind.Staff || StaffRoles.Count == 0 || StaffRoles.Any(principal.HasRole));

    public override string ToString() =>
        string.Join(", ", Kinds.Order().Select(k => k == PrincipalKind.Staff && StaffRoles.Count > 0
            ? $"staff ({string.Join(" | ", StaffRoles.Order().Select(OgiClaims.Name))})"
            : OgiClaims.Name(k)));
}
