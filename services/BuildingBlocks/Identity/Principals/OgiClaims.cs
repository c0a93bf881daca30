using System.Security.Claims;

namespace Ogi.BuildingBlocks.Identity.Principals;

/// <summary>
/// The claims layout of an access token — the one place it is defined.
/// <list type="table">
/// <item><term><c>sub</c></term><description>principal id: a person id for staff, a client id for systems, the service name for platform services.</description></item>
/// <item><term><c>ogi_kind</c></term><description><c>staff</c> | <c>provincial-platform</c> | <c>county-system</c> | <c>platform-service</c>.</description></item>
/// <item><term><c>ogi_agency</c></term><description>统一社会信用代码 of the agency a staff member or county system acts for.</description></item>
/// <item><term><c>ogi_roles</c></term><description>staff roles, an array of <c>clerk</c>, <c>office-head</c>, <c>reviewer</c>, <c>approving-leader</c>,
/// <c>coordinator</c>, <c>assessor</c>, <c>supervisor</c>, <c>competent-department-admin</c>, <c>general-office</c>.</description></item>
/// <item><term><c>iss</c>, <c>aud</c>, <c>exp</c>, <c>nbf</c>, <c>iat</c></term><description>standard; validated against <c>Auth:*</c>.</description></item>
/// </list>
/// An applicant is never a token subject: the provincial platform names the applicant in the request.
/// No names, ID numbers or phone numbers go into a token.
/// </summary>
public static class OgiClaims
{
    public const string Subject = "sub";
    public const string Kind = "ogi_kind";
    public const string Agency = "ogi_agency";
    public const string Roles = "ogi_roles";

    private static readonly Dictionary<PrincipalKind, string> KindNames = new()
    {
        [PrincipalKind.Staff] = "staff",
        [PrincipalKind.ProvincialPlatform] = "provincial-platform",
        [PrincipalKind.CountySystem] = "county-system",
        [PrincipalKind.PlatformService] = "platform-service",
    };

    private static readonly Dictionary<StaffRole, string> RoleNames = new()
    {
        [StaffRole.Clerk] = "clerk",
        [StaffRole.OfficeHead] = "office-head",
        [StaffRole.Reviewer] = "reviewer",
        [StaffRole.ApprovingLeader] = "approving-leader",
        [StaffRole.Coordinator] = "coordinator",
        [StaffRole.Assessor] = "assessor",
        [StaffRole.Supervisor] = "supervisor",
        [StaffRole.CompetentDepartmentAdministrator] = "competent-department-admin",
        [StaffRole.GeneralOffice] = "general-office",
    };

    public static string Name(PrincipalKind kind) => KindNames[kind];

    public static string Name(StaffRole role) => RoleNames[role];

    public static PrincipalKind? ParseKind(string? name) =>
        KindNames.FirstOrDefault(p => p.Value == name) is { Value: not null } found ? found.Key : null;

    public static StaffRole? ParseRole(string? name) =>
        RoleNames.FirstOrDefault(p => p.Value == name) is { Value: not null } found ? found.Key : null;

    /// <summary>The claims a token for <paramref name="principal"/> carries (besides iss/aud/exp/nbf/iat).</summary>
    public static IDictionary<string, object> ToClaims(Principal principal)
    {
        var claims = new Dictionary<string, object>
        {
            [Subject] = principal.Id,
            [Kind] = Name(principal.Kind),
        };
        if (principal.AgencyCode is not null)
        {
            claims[Agency] = principal.AgencyCode;
        }

        if (principal.Roles.Count > 0)
        {
            claims[Roles] = principal.Roles.Order().Select(Name).ToArray();
        }

        return claims;
    }

    /// <summary>Reads a principal from validated claims; the reason when they do not describe one.</summary>
    public static (Principal? Principal, string? Problem) FromClaims(ClaimsIdentity identity)
    {
        var subject = identity.FindFirst(Subject)?.Value;
        if (string.IsNullOrWhiteSpace(subject))
        {
            return (null, $"token has no '{Subject}' claim");
        }

        var kindName = identity.FindFirst(Kind)?.Value;
        if (ParseKind(kindName) is not { } kind)
        {
            return (null, $"token claim '{Kind}' is missing or unknown ('{kindName}')");
        }

        var roles = new List<StaffRole>();
        foreach (var claim in identity.FindAll(Roles))
        {
            if (ParseRole(claim.Value) is not { } role)
            {
                return (null, $"token claim '{Roles}' holds an unknown role '{claim.Value}'");
            }

            roles.Add(role);
        }

        try
        {
            return (new Principal(subject, kind, identity.FindFirst(Agency)?.Value, roles), null);
        }
        catch (ArgumentException e)
        {
            return (null, "token claims do not describe a principal: " + e.Message.Split(" (Parameter")[0]);
        }
    }
}
