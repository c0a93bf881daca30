using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Identity.Access;
using Ogi.BuildingBlocks.Identity.Agencies;
using Ogi.BuildingBlocks.Identity.Principals;
using static Ogi.BuildingBlocks.Testing.SampleAgencies;

namespace Ogi.Identity.Tests;

public sealed class AccessTests
{
    private static readonly AgencyScope Scope = new(AgencyDirectory.Sample());

    [Fact]
    public void Staff_act_within_their_own_agency()
    {
        var clerk = Principal.Staff("p-1", XijiHousing, StaffRole.Clerk);
        Scope.Demand(clerk, XijiHousing);
        Assert.True(Scope.Allows(clerk, XijiHousing));
    }

    [Fact]
    public void Staff_are_refused_another_agencys_data()
    {
        var clerk = Principal.Staff("p-1", XijiHousing, StaffRole.Clerk, StaffRole.OfficeHead);
        var refusal = Assert.Throws<AccessDeniedException>(() => Scope.Demand(clerk, LongdeHealth));
        Assert.Contains(LongdeHealth, refusal.Message, StringComparison.Ordinal);
        // Even the general office's own clerks do not reach below it: only supervision and the competent department's administrators do.
        Assert.False(Scope.Allows(Principal.Staff("p-2", XijiGeneralOffice, StaffRole.Clerk), XijiHousing));
    }

    [Fact]
    public void The_competent_department_and_supervision_act_within_their_jurisdiction_only()
    {
        var administrator = Principal.Staff("p-3", XijiGeneralOffice, StaffRole.CompetentDepartmentAdministrator);
        var supervisor = Principal.Staff("p-4", CityGeneralOffice, StaffRole.Supervisor);
        Assert.True(Scope.Allows(administrator, XijiHousing));
        Assert.True(Scope.Allows(administrator, XijiGeneralOffice));
        Assert.False(Scope.Allows(administrator, LongdeHealth));
        Assert.True(Scope.Allows(supervisor, LongdeHealth));
        Assert.False(Scope.Allows(supervisor, RegionPublicSecurity));
    }

    [Fact]
    public void County_systems_reach_their_county_and_platform_services_reach_everything()
    {
        var county = Principal.CountySystem("xiji-oa", Xiji);
        Assert.True(Scope.Allows(county, XijiJiqiangTown));
        Assert.False(Scope.Allows(county, LongdeHealth));
        Assert.True(Scope.Allows(Principal.PlatformService("assessment"), LongdeHealth));
    }

    [Fact]
    public void SR2_the_reviewer_may_not_also_be_the_approving_leader()
    {
        var refusal = Assert.Throws<RuleViolationException>(() => Duties.SecrecyReview(submitter: "p-1", reviewer: "p-2", approvingLeader: "p-2"));
        Assert.Equal("SR-2", refusal.RuleId);
        Assert.Contains("reviewer and the approving leader", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("p-1", "p-1", "p-3")]
    [InlineData("p-1", "p-2", "p-1")]
    public void SR2_the_submitter_may_neither_review_nor_approve(string submitter, string reviewer, string leader) =>
        Assert.Equal("SR-2", Assert.Throws<RuleViolationException>(() => Duties.SecrecyReview(submitter, reviewer, leader)).RuleId);

    [Fact]
    public void SR2_three_different_people_pass() => Duties.SecrecyReview("p-1", "p-2", "p-3");

    [Fact]
    public void INT5_the_clerk_handling_an_application_may_not_approve_its_extension()
    {
        Assert.Equal("INT-5", Assert.Throws<RuleViolationException>(() => Duties.ReplyExtension("p-1", "p-1")).RuleId);
        Duties.ReplyExtension("p-1", "p-9");
    }

    [Fact]
    public void AC5_an_investigation_needs_two_different_investigators()
    {
        Assert.Equal("AC-5", Assert.Throws<RuleViolationException>(() => Duties.Investigators(["p-1"])).RuleId);
        var twice = Assert.Throws<RuleViolationException>(() => Duties.Investigators(["p-1", "p-1"]));
        Assert.Equal("AC-5", twice.RuleId);
        Assert.Contains("p-1 is named twice", twice.Message, StringComparison.Ordinal);
        Duties.Investigators(["p-1", "p-2"]);
    }

    [Fact]
    public void An_access_rule_refuses_staff_without_a_listed_role()
    {
        var rule = new AccessRule(new HashSet<PrincipalKind> { PrincipalKind.Staff }, new HashSet<StaffRole> { StaffRole.OfficeHead });
        Assert.True(rule.Allows(Principal.Staff("p-1", Xiji, StaffRole.Clerk, StaffRole.OfficeHead)));
        Assert.False(rule.Allows(Principal.Staff("p-2", Xiji, StaffRole.Clerk)));
        Assert.False(rule.Allows(Principal.CountySystem("xiji-oa", Xiji)));
        Assert.Equal("staff (office-head)", rule.ToString());
    }

    [Fact]
    public void An_empty_access_rule_admits_nobody()
    {
        var rule = new AccessRule(new HashSet<PrincipalKind>(), new HashSet<StaffRole>());
        Assert.False(rule.Allows(Principal.PlatformService("intake")));
        Assert.False(rule.Allows(Principal.Staff("p-1", Xiji, StaffRole.Supervisor)));
    }
}
