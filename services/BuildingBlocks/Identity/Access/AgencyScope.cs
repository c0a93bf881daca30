using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Identity.Agencies;
using Ogi.BuildingBlocks.Identity.Principals;

namespace Ogi.BuildingBlocks.Identity.Access;

/// <summary>
/// Which agencies' data a principal may act on, deny by default: staff within their own agency; supervisors and
/// administrators of the competent department also within its jurisdiction (the agencies below it); county systems
/// within their county; the platform's own services everywhere. Provincial platforms act for applicants, whose
/// ownership of an application the service checks itself, so agency scope does not limit them.
/// </summary>
public sealed class AgencyScope(AgencyDirectory directory)
{
    public bool Allows(Principal principal, string agencyCode) => principal.Kind switch
    {
        PrincipalKind.PlatformService or PrincipalKind.ProvincialPlatform => true,
        PrincipalKind.CountySystem => OwnOrBelow(principal.AgencyCode!, agencyCode),
        PrincipalKind.Staff when principal.HasRole(StaffRole.Supervisor) || principal.HasRole(StaffRole.CompetentDepartmentAdministrator)
            => OwnOrBelow(principal.AgencyCode!, agencyCode),
        PrincipalKind.Staff => principal.AgencyCode == agencyCode,
        _ => false,
    };

    /// <summary>Refuses with PERMISSION_DENIED when <paramref name="principal"/> may not act on <paramref name="agencyCode"/>'s data.</summary>
    public void Demand(Principal principal, string agencyCode)
    {
        if (!Allows(principal, agencyCode))
        {
            throw new AccessDeniedException($"{principal} may not act on the data of agency {agencyCode}");
        }
    }

    private bool OwnOrBelow(string own, string agencyCode) =>
        own == agencyCode || directory.IsWithinJurisdiction(own, agencyCode);
}
