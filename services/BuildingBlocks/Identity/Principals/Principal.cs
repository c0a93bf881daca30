namespace Ogi.BuildingBlocks.Identity.Principals;

/// <summary>What kind of caller a token stands for (domain.md §0 actors and systems).</summary>
public enum PrincipalKind
{
    /// <summary>A person working for one agency, with one or more <see cref="StaffRole"/>s.</summary>
    Staff,

    /// <summary>A provincial platform acting for applicants; the applicant is identified in each request, not in the token.</summary>
    ProvincialPlatform,

    /// <summary>A county system: reads decision events of its jurisdiction, nothing else.</summary>
    CountySystem,

    /// <summary>One of the platform's own services calling another (service-to-service).</summary>
    PlatformService,
}

/// <summary>Staff roles of domain.md §0. A person acts for one agency.</summary>
public enum StaffRole
{
    /// <summary>承办人</summary>
    Clerk,

    /// <summary>工作机构负责人</summary>
    OfficeHead,

    /// <summary>保密审查人员</summary>
    Reviewer,

    /// <summary>分管领导</summary>
    ApprovingLeader,

    /// <summary>信息发布协调人员</summary>
    Coordinator,

    /// <summary>考核组成员</summary>
    Assessor,

    /// <summary>监察/纪检: acts within the jurisdiction of its agency.</summary>
    Supervisor,

    /// <summary>政府信息公开工作主管部门的管理员: acts within the jurisdiction of its agency.</summary>
    CompetentDepartmentAdministrator,

    /// <summary>办公室/综合科: reviews the items several units produced together (SR-8, seed 001 第九条).</summary>
    GeneralOffice,
}

/// <summary>
/// The authenticated caller of one request. <see cref="Id"/> is what audit rows and domain records keep
/// (a person id or a system client id, never a name).
/// </summary>
public sealed class Principal
{
    public Principal(string id, PrincipalKind kind, string? agencyCode = null, IEnumerable<StaffRole>? roles = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var roleSet = (roles ?? []).ToHashSet();
        if (kind is PrincipalKind.Staff or PrincipalKind.CountySystem && string.IsNullOrWhiteSpace(agencyCode))
        {
            throw new ArgumentException($"A {kind} principal acts for an agency; the agency code is missing.", nameof(agencyCode));
        }

        if (kind != PrincipalKind.Staff && roleSet.Count > 0)
        {
            throw new ArgumentException("Only staff hold staff roles.", nameof(roles));
        }

        Id = id;
        Kind = kind;
        AgencyCode = string.IsNullOrWhiteSpace(agencyCode) ? null : agencyCode;
        Roles = roleSet;
    }

    public string Id { get; }

    public PrincipalKind Kind { get; }

    /// <summary>The agency a staff member or a county system acts for; null for provincial platforms and platform services.</summary>
    public string? AgencyCode { get; }

    public IReadOnlySet<StaffRole> Roles { get; }

    public bool IsStaff => Kind == PrincipalKind.Staff;

    public bool HasRole(StaffRole role) => IsStaff && Roles.Contains(role);

    public static Principal Staff(string personId, string agencyCode, params StaffRole[] roles) =>
        new(personId, PrincipalKind.Staff, agencyCode, roles);

    public static Principal ProvincialPlatform(string clientId) => new(clientId, PrincipalKind.ProvincialPlatform);

    public static Principal CountySystem(string clientId, string agencyCode) => new(clientId, PrincipalKind.CountySystem, agencyCode);

    public static Principal PlatformService(string serviceName) => new(serviceName, PrincipalKind.PlatformService);

    public override string ToString() => $"{Kind}:{Id}";
}
