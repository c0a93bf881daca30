using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Ogi.Contracts.Accountability.V1;

namespace Ogi.Accountability.Tests.Service;

/// <summary>AC-1, AC-3: complaints and reports from the public through a provincial platform.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ComplaintTests(AccountabilityFixture service) : IClassFixture<AccountabilityFixture>
{
    private AccountabilityService.AccountabilityServiceClient Client => service.Client;

    [Fact]
    public async Task AC1_a_complaint_filed_twice_is_one_case_and_the_reporter_follows_it_by_tracking_code()
    {
        service.Clock.SetDate(new DateOnly(2026, 3, 2));
        var request = new FileComplaintRequest { PlatformReportId = "NX-R-001", AgencyCode = AccountabilityFixture.Unit, Summary = "申请逾期未答复" };

        var filed = await Client.FileComplaintAsync(request, service.Platform);
        var again = await Client.FileComplaintAsync(request, service.Platform);

        Assert.Equal(filed.TrackingCode, again.TrackingCode);
        Assert.Equal(AccountabilityFixture.Date(new DateOnly(2026, 3, 17)), filed.AcceptanceDue);
        var tracked = await Client.TrackComplaintAsync(new TrackComplaintRequest { TrackingCode = filed.TrackingCode.ToLowerInvariant() }, service.Platform);
        Assert.Equal(CaseStatus.Registered, tracked.Status);

        // Another platform cannot follow this platform's reporter.
        var foreign = await AccountabilityFixture.RefusedAsync(Client.TrackComplaintAsync(new TrackComplaintRequest { TrackingCode = filed.TrackingCode }, service.Host.Platform("other-platform")));
        Assert.Equal(StatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task AC1_a_complaint_names_an_agency_of_the_directory()
    {
        await AccountabilityFixture.AssertFieldAsync("agency_code", Client.FileComplaintAsync(
            new FileComplaintRequest { PlatformReportId = "NX-R-bad", AgencyCode = "91110000000000000X", Summary = "x" }, service.Platform));
        await AccountabilityFixture.AssertFieldAsync("summary", Client.FileComplaintAsync(
            new FileComplaintRequest { PlatformReportId = "NX-R-empty", AgencyCode = AccountabilityFixture.Unit }, service.Platform));
    }

    [Fact]
    public async Task AC3_a_complaint_not_accepted_in_15_days_is_flagged_and_queued_and_its_late_acceptance_is_reported_late()
    {
        service.Clock.SetDate(new DateOnly(2026, 4, 1));
        var filed = await Client.FileComplaintAsync(new FileComplaintRequest { PlatformReportId = "NX-R-late", AgencyCode = AccountabilityFixture.Unit, Summary = "投诉未处理" }, service.Platform);
        var caseId = (await QueueAsync(overdueOnly: false)).Single(c => c.Summary == "投诉未处理").CaseId;

        service.Clock.SetDate(new DateOnly(2026, 4, 16)); // day 15: still in time
        Assert.DoesNotContain(await QueueAsync(overdueOnly: true), c => c.CaseId == caseId);

        service.Clock.SetDate(new DateOnly(2026, 4, 17)); // day 16: overdue
        var flagged = Assert.Single(await QueueAsync(overdueOnly: true), c => c.CaseId == caseId);
        Assert.True(flagged.AcceptanceOverdue);

        var accepted = (await Client.AcceptComplaintAsync(new AcceptComplaintRequest { CaseId = caseId, Importance = CaseImportance.Important }, service.Supervisor)).Case;
        Assert.True(accepted.AcceptedLate);
        Assert.False(accepted.AcceptanceOverdue);
        Assert.Equal(HandlingBody.LeadingGroup, accepted.HandlingBody);
        Assert.DoesNotContain(await QueueAsync(overdueOnly: true), c => c.CaseId == caseId);

        var answered = await service.Host.Events.WaitForAsync<ComplaintAnswered>(e => e.CaseId == caseId, Topics.Accountability);
        Assert.True(answered.Accepted);
        Assert.False(answered.OnTime);
        Assert.Equal(AccountabilityFixture.Unit, answered.AgencyCode);
        Assert.Equal(CaseStatus.Accepted, (await Client.TrackComplaintAsync(new TrackComplaintRequest { TrackingCode = filed.TrackingCode }, service.Platform)).Status);
    }

    [Fact]
    public async Task AC3_a_declined_complaint_needs_written_reasons_which_the_reporter_reads()
    {
        service.Clock.SetDate(new DateOnly(2026, 5, 4));
        var filed = await Client.FileComplaintAsync(new FileComplaintRequest { PlatformReportId = "NX-R-decline", AgencyCode = AccountabilityFixture.Unit, Summary = "不属于政务公开事项" }, service.Platform);
        var caseId = (await QueueAsync(overdueOnly: false)).Single(c => c.Summary == "不属于政务公开事项").CaseId;

        await AccountabilityFixture.AssertFieldAsync("reasons", Client.DeclineComplaintAsync(new DeclineComplaintRequest { CaseId = caseId, Reasons = " " }, service.Supervisor));
        await Client.DeclineComplaintAsync(new DeclineComplaintRequest { CaseId = caseId, Reasons = "所反映事项属于信访事项,不属于本办法受理范围" }, service.Supervisor);

        var tracked = await Client.TrackComplaintAsync(new TrackComplaintRequest { TrackingCode = filed.TrackingCode }, service.Platform);
        Assert.Equal(CaseStatus.Declined, tracked.Status);
        Assert.Equal("所反映事项属于信访事项,不属于本办法受理范围", tracked.DeclineReasons);
        var answered = await service.Host.Events.WaitForAsync<ComplaintAnswered>(e => e.CaseId == caseId, Topics.Accountability);
        Assert.False(answered.Accepted);
        Assert.True(answered.OnTime);

        // AC-3: a declined report is not investigated.
        await AccountabilityFixture.AssertRuleAsync("AC-5", Client.StartInvestigationAsync(
            new StartInvestigationRequest { CaseId = caseId, Investigators = { "inv-yz-01", "inv-yz-02" } }, service.Supervisor));
    }

    [Fact]
    public async Task Only_a_provincial_platform_files_complaints_and_only_case_handlers_accept_them()
    {
        var clerk = await AccountabilityFixture.RefusedAsync(Client.FileComplaintAsync(new FileComplaintRequest { PlatformReportId = "x", AgencyCode = AccountabilityFixture.Unit, Summary = "x" },
            service.Host.Staff("clerk-1", AccountabilityFixture.Handling, BuildingBlocks.Identity.Principals.StaffRole.Clerk)));
        Assert.Equal(StatusCode.PermissionDenied, clerk.StatusCode);
        var platform = await AccountabilityFixture.RefusedAsync(Client.AcceptComplaintAsync(new AcceptComplaintRequest { CaseId = Guid.NewGuid().ToString(), Importance = CaseImportance.General }, service.Platform));
        Assert.Equal(StatusCode.PermissionDenied, platform.StatusCode);
    }

    private async Task<IReadOnlyList<Case>> QueueAsync(bool overdueOnly) =>
        (await Client.ListCasesAsync(new ListCasesRequest { AcceptanceOverdueOnly = overdueOnly, PageSize = 200 }, service.Supervisor)).Cases;
}
