namespace Ogi.Coordination.Domain;

/// <summary>
/// What coordination needs to know about an agency (domain.md §0): its OGI competent department at its level
/// (政府信息公开工作主管部门) and its supervision (监察部门), to route escalations (CO-3) and reports (CO-7).
/// </summary>
public sealed record AgencyListing(string AgencyCode, string Name, string CompetentDepartmentCode, string? SupervisionCode);

/// <summary>Looks agencies up by code (统一社会信用代码); the service layer backs it with reference data.</summary>
public interface IAgencyDirectory
{
    AgencyListing? Find(string agencyCode);
}
