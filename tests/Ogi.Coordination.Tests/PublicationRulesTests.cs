using Ogi.BuildingBlocks.Domain;
using Ogi.Coordination.Domain;
using static Ogi.Coordination.Tests.Given;

namespace Ogi.Coordination.Tests;

public sealed class PublicationRulesTests
{
    private static readonly JointlyDraftedInformation Plan =
        new("plan-2026-03", "2026年中心城区大气污染防治实施方案", Releasing, [Finance, Housing]);

    [Fact]
    public void CO5_the_lead_drafting_agency_may_release_jointly_drafted_information()
    {
        Plan.AuthorizeRelease(Releasing);
    }

    [Theory]
    [InlineData(Finance)] // a co-drafter
    [InlineData(Supervision)] // not a drafter at all
    public void CO5_a_release_by_any_agency_but_the_lead_drafter_is_refused(string agency)
    {
        var error = Assert.Throws<RuleViolationException>(() => Plan.AuthorizeRelease(agency));
        Assert.Equal("CO-5", error.RuleId);
        Assert.Contains(Releasing, error.Message);
    }

    [Fact]
    public void CO7_a_public_report_goes_to_the_competent_department_of_the_agency_questioned()
    {
        var (report, reported) = InconsistencyReport.File(Guid.NewGuid(), ReporterKind.Public, null,
            [new(Housing, "市住建局网站2026-10-08通知"), new(Finance, "市财政局网站2026-10-09公告")],
            "两份公告的专项资金数额不一致", InconsistencyRoute.CompetentDepartment, D(2026, 10, 12), Agencies);

        Assert.Equal(GeneralOffice, report.RoutedToCode);
        Assert.Equal((Housing, InconsistencyRoute.CompetentDepartment, GeneralOffice), (reported.AgencyCode, reported.Route, reported.RoutedToCode));
        Assert.Equal([Housing, Finance], reported.PublishingAgencies);
        Assert.Equal(ReporterKind.Public, reported.Reporter);
    }

    [Fact]
    public void CO7_an_agency_may_report_another_agencys_publication_to_supervision()
    {
        var (_, reported) = InconsistencyReport.File(Guid.NewGuid(), ReporterKind.Agency, Releasing,
            [new(Finance, "市财政局网站2026-10-09公告")], "公告数额与本局掌握的批复不一致", InconsistencyRoute.Supervision, D(2026, 10, 12), Agencies);

        Assert.Equal((Supervision, Releasing), (reported.RoutedToCode, reported.AgencyCode));
    }

    [Fact]
    public void CO7_a_report_names_inconsistent_information_of_different_agencies_and_the_route_seed_001_gives()
    {
        var one = Assert.Throws<InvalidInputException>(() => InconsistencyReport.File(Guid.NewGuid(), ReporterKind.Public, null,
            [new(Finance, "公告")], "数额不一致", InconsistencyRoute.Supervision, D(2026, 10, 12), Agencies));
        Assert.Equal(["publications", "route"], one.Violations.Select(v => v.Field));

        var own = Assert.Throws<InvalidInputException>(() => InconsistencyReport.File(Guid.NewGuid(), ReporterKind.Agency, Releasing,
            [new(Releasing, "本局公告")], "数额不一致", InconsistencyRoute.CompetentDepartment, D(2026, 10, 12), Agencies));
        Assert.Equal("publications", Assert.Single(own.Violations).Field);

        var noSupervision = Assert.Throws<RuleViolationException>(() => InconsistencyReport.File(Guid.NewGuid(), ReporterKind.Agency, Housing,
            [new(Finance, "公告")], "数额不一致", InconsistencyRoute.Supervision, D(2026, 10, 12), Agencies));
        Assert.Equal("CO-7", noSupervision.RuleId);
    }
}
