using Ogi.BuildingBlocks.Domain;

namespace Ogi.Coordination.Domain;

/// <summary>Who reports (seed 001 第十条 names two).</summary>
public enum ReporterKind
{
    [Label("公民、法人或者其他组织")] Public = 1,
    [Label("行政机关")] Agency = 2,
}

/// <summary>Where a report goes (seed 001 第十条).</summary>
public enum InconsistencyRoute
{
    [Label("同级政府信息公开工作主管部门")] CompetentDepartment = 1,
    [Label("监察部门")] Supervision = 2,
}

/// <summary>One piece of published information: who published it and where (title, address, document number).</summary>
public sealed record PublishedInformation(string AgencyCode, string Location);

/// <summary>
/// CO-7 (seed 001 第十条): anyone who finds published information inconsistent between agencies reports it. A
/// member of the public reports to the OGI competent department at the level of the agency whose publication it
/// questions (the first one listed); an agency that finds another agency's publication inaccurate or inconsistent
/// with what it holds reports to the competent department at its own level or to supervision, as it chooses.
/// The report yields <see cref="InconsistencyReported"/>, which may open an accountability case.
/// </summary>
public sealed class InconsistencyReport
{
    private InconsistencyReport(Guid id, ReporterKind reporter, string? reportingAgencyCode, IReadOnlyList<PublishedInformation> publications,
        string description, InconsistencyRoute route, string routedToCode, DateOnly reportedOn)
    {
        Id = id;
        Reporter = reporter;
        ReportingAgencyCode = reportingAgencyCode;
        Publications = publications;
        Description = description;
        Route = route;
        RoutedToCode = routedToCode;
        ReportedOn = reportedOn;
    }

    public Guid Id { get; }

    public ReporterKind Reporter { get; }

    /// <summary>The reporting agency; null for a member of the public (whose identity stays out of events).</summary>
    public string? ReportingAgencyCode { get; }

    public IReadOnlyList<PublishedInformation> Publications { get; }

    public string Description { get; }

    public InconsistencyRoute Route { get; }

    public string RoutedToCode { get; }

    public DateOnly ReportedOn { get; }

    /// <summary>
    /// CO-7: a public report names at least two publications by different agencies; an agency's report names at
    /// least one publication by another agency (the other side is what the reporting agency holds).
    /// </summary>
    public static (InconsistencyReport Report, InconsistencyReported Event) File(Guid id, ReporterKind reporter, string? reportingAgencyCode,
        IReadOnlyList<PublishedInformation> publications, string description, InconsistencyRoute route, DateOnly reportedOn, IAgencyDirectory directory)
    {
        var violations = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(description))
        {
            violations.Add(new("description", "应说明不一致的内容"));
        }

        if (publications.Any(p => string.IsNullOrWhiteSpace(p.AgencyCode) || string.IsNullOrWhiteSpace(p.Location)))
        {
            violations.Add(new("publications", "每项已公开信息应有发布机关和出处"));
        }

        switch (reporter)
        {
            case ReporterKind.Public:
                if (publications.Select(p => p.AgencyCode).Distinct().Count() < 2)
                {
                    violations.Add(new("publications", "CO-7: 应列明不一致的至少两个机关公开的信息"));
                }

                if (route != InconsistencyRoute.CompetentDepartment)
                {
                    violations.Add(new("route", "CO-7: 公民、法人或者其他组织向同级政府信息公开主管部门反映"));
                }

                break;
            case ReporterKind.Agency:
                if (string.IsNullOrWhiteSpace(reportingAgencyCode))
                {
                    violations.Add(new("reporting_agency_code", "行政机关反映的，应载明本机关"));
                }
                else if (!publications.Any(p => p.AgencyCode != reportingAgencyCode))
                {
                    violations.Add(new("publications", "CO-7: 应列明其他行政机关公开的信息"));
                }

                if (!Enum.IsDefined(route))
                {
                    violations.Add(new("route", "应为同级政府信息公开主管部门或监察部门"));
                }

                break;
            default:
                violations.Add(new("reporter", "应为公民、法人或者其他组织，或行政机关"));
                break;
        }

        if (violations.Count > 0)
        {
            throw new InvalidInputException(violations);
        }

        var routedBy = reporter == ReporterKind.Agency ? reportingAgencyCode! : publications[0].AgencyCode;
        var listing = directory.Find(routedBy) ?? throw new NotFoundException($"agency {routedBy} is not in the agency directory");
        var routedTo = route == InconsistencyRoute.CompetentDepartment
            ? listing.CompetentDepartmentCode
            : listing.SupervisionCode ?? throw new RuleViolationException("CO-7", $"{listing.Name}未登记同级监察部门，请向同级政府信息公开主管部门反映");

        var report = new InconsistencyReport(id, reporter, reporter == ReporterKind.Agency ? reportingAgencyCode : null, publications,
            description, route, routedTo, reportedOn);
        var publishing = publications.Select(p => p.AgencyCode).Distinct().ToList();
        return (report, new InconsistencyReported(id, routedBy, publishing, route, routedTo, reporter, reportedOn));
    }
}
