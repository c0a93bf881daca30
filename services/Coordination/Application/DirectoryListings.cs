using Microsoft.Extensions.Configuration;
using Ogi.BuildingBlocks.Identity.Agencies;
using Ogi.Coordination.Domain;

namespace Ogi.Coordination.Application;

/// <summary>
/// The coordination view of the platform's agency directory (CO-3, CO-7): an agency's OGI competent department
/// comes from the directory; its supervision (监察部门), which the directory does not hold, from configuration
/// "Coordination:Supervision:{agency code}", looked up on the agency and then up its parents, so one entry for a
/// government covers its departments.
/// </summary>
public sealed class DirectoryListings(AgencyDirectory directory, IConfiguration configuration) : IAgencyDirectory
{
    public AgencyListing? Find(string agencyCode)
    {
        var agency = directory.Find(agencyCode);
        // The top competent department (a province's general office) has none above it: it is its own.
        return agency is null ? null : new AgencyListing(agency.Code, agency.Name, agency.CompetentDepartment ?? agency.Code, SupervisionOf(agency));
    }

    private string? SupervisionOf(Agency agency)
    {
        for (Agency? current = agency; current is not null; current = current.Parent is { } parent ? directory.Find(parent) : null)
        {
            if (configuration[$"Coordination:Supervision:{current.Code}"] is { Length: > 0 } supervision)
            {
                return supervision;
            }
        }

        return null;
    }
}
