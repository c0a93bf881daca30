using Google.Protobuf.WellKnownTypes;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Ogi.Contracts.Accountability.V1;
using Ogi.Contracts.Assessment.V1;
using Ogi.Contracts.Coordination.V1;
using Ogi.Contracts.Review.V1;
using static Dapr.Proto.Runtime.V1.TopicEventResponse.Types;

namespace Ogi.Accountability.Tests.Service;

/// <summary>AC-1: cases opened by other services' events, one per source however often it arrives.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class AutomaticCaseTests(AccountabilityFixture service) : IClassFixture<AccountabilityFixture>
{
    [Fact]
    public async Task AC1_a_breach_event_from_intake_delivered_twice_opens_exactly_one_case()
    {
        var breach = service.Breach("app-breach-twice");
        var eventId = Guid.NewGuid();

        // The same event redelivered (the inbox), and the same breach published again as a new event (the case key).
        Assert.Equal(TopicEventResponseStatus.Success, await service.Host.DeliverAsync(Topics.Intake, breach, eventId));
        Assert.Equal(TopicEventResponseStatus.Success, await service.Host.DeliverAsync(Topics.Intake, breach, eventId));
        Assert.Equal(TopicEventResponseStatus.Success, await service.Host.DeliverAsync(Topics.Intake, breach));

        var opened = Assert.Single(await service.CasesAsync("app-breach-twice"));
        Assert.Equal(SourceKind.DeadlineBreached, opened.Source);
        Assert.Equal("DeadlineBreached:app-breach-twice", opened.CaseKey);
        Assert.Equal(CaseStatus.Accepted, opened.Status);
        Assert.Equal(ViolationType.ApplicationMishandled, opened.PresumedViolation);
        Assert.Equal("固原市原州区教育局", opened.Unit.Name);
    }

    [Fact]
    public async Task AC4_an_automatic_case_is_handled_by_the_level_above_the_unit()
    {
        var opened = await service.BreachAsync("app-routed");

        Assert.Equal(AccountabilityFixture.Handling, opened.HandlingAgencyCode);
        Assert.Equal(HandlingBody.ResponsibleSection, opened.HandlingBody);

        // Staff of the unit itself or of another county see nothing of it.
        var own = await AccountabilityFixture.RefusedAsync(service.Client.GetCaseAsync(new GetCaseRequest { CaseId = opened.CaseId },
            service.Host.Staff("sup-yzjy", AccountabilityFixture.Unit, BuildingBlocks.Identity.Principals.StaffRole.Supervisor)));
        Assert.Equal(StatusCode.PermissionDenied, own.StatusCode);
        var other = await AccountabilityFixture.RefusedAsync(service.Client.ListCasesAsync(new ListCasesRequest { HandlingAgencyCode = AccountabilityFixture.Handling },
            service.Host.Staff("sup-xj", SampleAgencies.Xiji, BuildingBlocks.Identity.Principals.StaffRole.Supervisor)));
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
    }

    [Fact]
    public async Task AC1_violation_detected_rectification_overdue_and_inconsistency_each_open_their_case()
    {
        var detectedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));
        await service.Host.DeliverAsync(Topics.SecrecyReview, new ViolationDetected
        {
            ViolationId = "v-1",
            Kind = ViolationKind.ClassifiedItemReleased,
            ItemId = "item-1",
            AgencyCode = AccountabilityFixture.Unit,
            DetectedAt = detectedAt,
        });
        await service.Host.DeliverAsync(Topics.SecrecyReview, new ViolationDetected
        {
            ViolationId = "v-2",
            Kind = ViolationKind.ReleaseWithoutReview,
            ItemId = "item-2",
            AgencyCode = AccountabilityFixture.Unit,
            DetectedAt = detectedAt,
        });
        await service.Host.DeliverAsync(Topics.Assessment, new RectificationOverdue
        {
            RectificationId = "r-1",
            AgencyCode = AccountabilityFixture.Unit,
            Origin = RectificationOrigin.SocialEvaluationProblem,
            DueDate = AccountabilityFixture.Date(new DateOnly(2026, 2, 27)),
            DetectedOn = AccountabilityFixture.Date(new DateOnly(2026, 3, 2)),
        });
        await service.Host.DeliverAsync(Topics.Coordination, new InconsistencyReported
        {
            ReportId = "i-1",
            AgencyCode = AccountabilityFixture.Unit,
            ReportedOn = AccountabilityFixture.Date(new DateOnly(2026, 3, 2)),
        });

        var classified = await service.FindBySourceAsync("v-1");
        Assert.Equal(SourceKind.ClassifiedItemReleased, classified.Source);
        Assert.Equal(HandlingBody.LeadingGroup, classified.HandlingBody);
        Assert.Equal(AccountabilityFixture.Date(new DateOnly(2026, 3, 1)), classified.OpenedOn);
        Assert.Equal(SourceKind.ReleaseWithoutReview, (await service.FindBySourceAsync("v-2")).Source);
        var overdue = await service.FindBySourceAsync("r-1");
        Assert.Equal(SourceKind.SocialEvaluationNotRectified, overdue.Source);
        Assert.Equal(ViolationType.OversightObstructed, overdue.PresumedViolation);
        Assert.Equal(SourceKind.InconsistencyReported, (await service.FindBySourceAsync("i-1")).Source);
    }

    [Fact]
    public async Task AS6_AC1_a_unit_failing_its_assessment_again_the_year_after_opens_one_case_and_a_first_failure_none()
    {
        const string failing = SampleAgencies.XijiHousing;
        await service.Host.DeliverAsync(Topics.Assessment, Results("as-2025", 2025, (failing, Grade.Fail), (SampleAgencies.XijiJiqiangTown, Grade.Pass)));
        Assert.Empty(await CasesOfXijiAsync());

        var again = Results("as-2026", 2026, (failing, Grade.Fail), (SampleAgencies.XijiJiqiangTown, Grade.Fail));
        await service.Host.DeliverAsync(Topics.Assessment, again);
        await service.Host.DeliverAsync(Topics.Assessment, again);

        // 吉强镇 failed for the first time: no case. 住建局 failed twice running: one case, for the leading group.
        var opened = Assert.Single(await CasesOfXijiAsync());
        Assert.Equal(failing, opened.Unit.AgencyCode);
        Assert.Equal(SourceKind.UnqualifiedUnitNotRectified, opened.Source);
        Assert.Equal(HandlingBody.LeadingGroup, opened.HandlingBody);
    }

    private async Task<IReadOnlyList<Case>> CasesOfXijiAsync() =>
        (await service.Client.ListCasesAsync(new ListCasesRequest(),
            service.Host.Staff("sup-xj-01", SampleAgencies.Xiji, BuildingBlocks.Identity.Principals.StaffRole.Supervisor))).Cases;

    private static AssessmentResultsPublished Results(string id, int year, params (string Agency, Grade Grade)[] results) => new()
    {
        AssessmentId = id,
        Year = year,
        Level = AgencyLevel.County,
        Results = { results.Select(r => new UnitResult { AgencyCode = r.Agency, Grade = r.Grade, FinalScore = r.Grade == Grade.Fail ? "55.00" : "75.00" }) },
        PublishedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(year + 1, 1, 20, 2, 0, 0, TimeSpan.Zero)),
    };
}
