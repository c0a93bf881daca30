using Ogi.Accountability.Domain;
using Ogi.Accountability.Domain.Cases;
using Ogi.Accountability.Domain.Catalogue;
using Ogi.BuildingBlocks.Domain;
using static Ogi.Accountability.Tests.Scenario;

namespace Ogi.Accountability.Tests;

public class SourcesAndAcceptanceTests
{
    [Fact]
    public void AC1_the_same_breach_delivered_twice_opens_exactly_one_case()
    {
        // The persistence layer keeps Key unique: what matters here is that both deliveries name the same case.
        var cases = new Dictionary<string, AccountabilityCase>();
        foreach (var delivery in new[] { Breach("330101-2026-000123"), Breach(" 330101-2026-000123 "), Breach("330101-2026-000124") })
        {
            cases.TryAdd(delivery.Key, delivery);
        }

        Assert.Equal(2, cases.Count);
        Assert.Equal(Breach("330101-2026-000123").Key, Breach("330101-2026-000123").Key);
    }

    [Fact]
    public void AC1_the_same_reference_from_different_sources_names_different_cases()
    {
        var breach = new CaseSource(SourceKind.DeadlineBreached, "E-77");
        var unreviewed = new CaseSource(SourceKind.ReleaseWithoutReview, "E-77");
        Assert.NotEqual(breach.CaseKey, unreviewed.CaseKey);
    }

    [Fact]
    public void AC1_a_report_resent_by_its_platform_names_the_same_case_and_another_platform_does_not()
    {
        Assert.Equal(Report("R-9").Source.CaseKey, Report("R-9").Source.CaseKey);
        Assert.NotEqual(Report("R-9").Source.CaseKey, new ComplaintReport("js-platform", "R-9", Bureau, "x").Source.CaseKey);
    }

    [Theory]
    [InlineData(SourceKind.DeadlineBreached, ViolationType.ApplicationMishandled)]
    [InlineData(SourceKind.ClassifiedItemReleased, ViolationType.WrongfulRelease)]
    [InlineData(SourceKind.UnqualifiedUnitNotRectified, ViolationType.OversightObstructed)]
    public void AC1_an_automatic_case_presumes_its_catalogue_item(SourceKind kind, ViolationType expected)
    {
        var source = new CaseSource(kind, "E-1");
        Assert.True(source.IsAutomatic);
        Assert.Equal(expected, source.PresumedViolation);
    }

    [Fact]
    public void AC1_an_automatic_case_is_accepted_and_routed_when_opened()
    {
        var @case = Breach();
        Assert.Equal(CaseStatus.Accepted, @case.Status);
        Assert.Equal(CountyGovernment, @case.Routing!.HandlingAgencyCode);
        Assert.IsType<CaseOpened>(Assert.Single(@case.Events));
    }

    [Fact]
    public void AC1_a_complaint_cannot_bypass_registration()
    {
        Assert.Throws<InvalidInputException>(() => AccountabilityCase.Open(Guid.NewGuid(), Report().Source, Bureau, Day,
            CaseImportance.General, Parents, AccountabilityProfile.Default));
    }

    [Fact]
    public void AC1_the_reporter_follows_the_case_by_tracking_code_and_sees_no_persons()
    {
        var @case = AccountabilityCase.RegisterComplaint(Guid.NewGuid(), Report(), Day, AccountabilityProfile.Default);
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{12}$", @case.ReporterTrackingCode!);

        var view = @case.ForReporter(@case.ReporterTrackingCode!.ToLowerInvariant());
        Assert.Equal(CaseStatus.Registered, view.Status);
        Assert.Equal(Day.AddDays(15), view.AcceptanceDue);
        Assert.Throws<NotFoundException>(() => @case.ForReporter("000000000000"));
        Assert.Throws<NotFoundException>(() => Breach().ForReporter(@case.ReporterTrackingCode));
    }

    [Fact]
    public void AC3_a_complaint_not_accepted_within_15_days_is_flagged()
    {
        var waiting = AccountabilityCase.RegisterComplaint(Guid.NewGuid(), Report("R-1"), Day, AccountabilityProfile.Default);
        var accepted = AccountabilityCase.RegisterComplaint(Guid.NewGuid(), Report("R-2"), Day, AccountabilityProfile.Default);
        accepted.Accept(Day.AddDays(3), CaseImportance.General, Parents);

        Assert.Empty(ComplaintAcceptance.Overdue([waiting, accepted], Day.AddDays(15)));
        Assert.Equal([waiting], ComplaintAcceptance.Overdue([waiting, accepted], Day.AddDays(16)));
    }

    [Fact]
    public void AC3_the_acceptance_period_is_a_profile_number()
    {
        var @case = AccountabilityCase.RegisterComplaint(Guid.NewGuid(), Report(), Day, new AccountabilityProfile(AcceptanceDays: 10));
        Assert.False(@case.IsAcceptanceOverdue(Day.AddDays(10)));
        Assert.True(@case.IsAcceptanceOverdue(Day.AddDays(11)));
    }

    [Fact]
    public void AC3_a_late_acceptance_is_kept_as_late()
    {
        var @case = AccountabilityCase.RegisterComplaint(Guid.NewGuid(), Report(), Day, AccountabilityProfile.Default);
        @case.Accept(Day.AddDays(16), CaseImportance.General, Parents);
        Assert.True(@case.AcceptedLate);
        Assert.False(@case.IsAcceptanceOverdue(Day.AddDays(30)));
    }

    [Fact]
    public void AC3_declining_without_written_reasons_is_refused()
    {
        var @case = AccountabilityCase.RegisterComplaint(Guid.NewGuid(), Report(), Day, AccountabilityProfile.Default);
        var refusal = Assert.Throws<InvalidInputException>(() => @case.Decline(Day.AddDays(2), "  "));
        Assert.Equal("reasons", refusal.Violations.Single().Field);
        Assert.Equal(CaseStatus.Registered, @case.Status);
    }

    [Fact]
    public void AC3_a_declined_reporter_is_told_why_in_writing()
    {
        var @case = AccountabilityCase.RegisterComplaint(Guid.NewGuid(), Report(), Day, AccountabilityProfile.Default);
        @case.Decline(Day.AddDays(2), "所反映事项不属于政务公开范围");

        var notice = Assert.IsType<ComplaintDeclined>(@case.Events.Last());
        Assert.Equal(@case.ReporterTrackingCode, notice.ReporterTrackingCode);
        Assert.Equal("所反映事项不属于政务公开范围", notice.WrittenReasons);
        Assert.Equal("所反映事项不属于政务公开范围", @case.ForReporter(@case.ReporterTrackingCode!).DeclineReasons);
        Assert.Throws<RuleViolationException>(() => @case.Accept(Day.AddDays(3), CaseImportance.General, Parents));
    }

    [Theory]
    [InlineData(CaseImportance.General, HandlingBody.ResponsibleSection)]
    [InlineData(CaseImportance.Important, HandlingBody.LeadingGroup)]
    public void AC3_general_matters_go_to_the_section_and_important_ones_to_the_leading_group(CaseImportance importance, HandlingBody body)
    {
        var @case = AccountabilityCase.RegisterComplaint(Guid.NewGuid(), Report(), Day, AccountabilityProfile.Default);
        @case.Accept(Day.AddDays(1), importance, Parents);
        Assert.Equal(body, @case.Routing!.Body);
    }

    [Fact]
    public void AC4_a_case_is_routed_to_the_level_above_the_agency_concerned()
    {
        Assert.Equal(CountyGovernment, CaseJurisdiction.Route(CountyBureau, CaseImportance.General, Parents).HandlingAgencyCode);
        Assert.Equal(CityGovernment, CaseJurisdiction.Route(CountyGovernment, CaseImportance.Important, Parents).HandlingAgencyCode);
    }

    [Fact]
    public void AC4_an_agency_with_no_level_above_cannot_be_routed()
    {
        var refusal = Assert.Throws<RuleViolationException>(() => CaseJurisdiction.Route(CityGovernment, CaseImportance.General, Parents));
        Assert.Equal("AC-4", refusal.RuleId);
    }
}
