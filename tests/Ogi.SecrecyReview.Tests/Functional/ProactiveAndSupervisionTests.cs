using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Ogi.SecrecyReview.Persistence;
using static Dapr.Proto.Runtime.V1.TopicEventResponse.Types;
using static Ogi.SecrecyReview.Tests.Functional.Running;
using static Ogi.SecrecyReview.Tests.SampleTexts;
using Co = Ogi.Contracts.Coordination.V1;
using Pb = Ogi.Contracts.Review.V1;

namespace Ogi.SecrecyReview.Tests.Functional;

/// <summary>Proactive items through the gRPC API: classified marks, escalation, co-producers via coordination, the period, releases (SR-4, SR-5, SR-8, SR-9, SR-10).</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ProactiveAndSupervisionTests(PostgresFixture postgres, RunningService running) : IClassFixture<RunningService>, IAsyncLifetime
{
    private const string PlainNotice = "西吉县2026年农村危房改造补助资金分配结果：共补助382户，资金合计764万元。\n";

    private ServiceUnderTest<SecrecyReviewDbContext> _svc = null!;

    private Pb.ReviewService.ReviewServiceClient Client => _svc.Client();

    public async Task InitializeAsync()
    {
        _svc = await running.StartAsync(postgres);
        running.Clock.SetDate(new DateOnly(2026, 11, 2));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Pb.Review> SubmitAsync(string text, params string[] coProducers) =>
        (await Client.SubmitProactiveItemAsync(Proactive(text, coProducers), _svc.AsClerk())).Review;

    private async Task<Pb.Review> PublicAndApprovedAsync(Pb.Review review)
    {
        review = await _svc.KeepAllFindingsAsync(await _svc.ReadyForOpinionAsync(review.ReviewId));
        await Client.GiveOpinionAsync(new Pb.GiveOpinionRequest { ReviewId = review.ReviewId, Opinion = Public() }, _svc.AsReviewer());
        return (await Client.ApproveReviewAsync(new Pb.ApproveReviewRequest { ReviewId = review.ReviewId }, _svc.AsLeader())).Review;
    }

    private Task<Pb.RecordReleaseResponse> ReleaseAsync(Pb.Review review, string text) =>
        Client.RecordReleaseAsync(new Pb.RecordReleaseRequest { ItemId = review.Item.ItemId, ReleasedText = text }, _svc.AsClerk()).ResponseAsync;

    [Fact]
    public async Task SR4_public_on_a_jimi_marked_item_is_refused_and_the_declassified_item_is_reviewed_again()
    {
        var review = await SubmitAsync(ClassifiedNotice);
        Assert.True(review.Classified);
        Assert.Contains(review.Findings, f => f.Kind == Pb.FindingKind.ClassificationMark && f.Level == Pb.SecrecyLevel.Confidential && f.Text.StartsWith("机密", StringComparison.Ordinal));

        review = await _svc.KeepAllFindingsAsync(await _svc.ReadyForOpinionAsync(review.ReviewId));
        var asPublic = new Pb.GiveOpinionRequest { ReviewId = review.ReviewId, Opinion = Public() };
        Assert.Equal("SR-4", await RuleOfAsync(() => Client.GiveOpinionAsync(asPublic, _svc.AsReviewer()).ResponseAsync));

        var declassified = await Client.RecordDeclassificationAsync(new Pb.RecordDeclassificationRequest
        {
            ReviewId = review.ReviewId,
            Declassification = new Pb.Declassification { Authority = "宁夏回族自治区国家保密局", DecidedOn = Day(2026, 11, 2), DocumentNumber = "宁保解〔2026〕7号" },
        }, _svc.AsReviewer());
        Assert.Equal(Pb.ReviewStatus.Superseded, declassified.Declassified.Status);
        Assert.Equal("SR-4", await RuleOfAsync(() => Client.GiveOpinionAsync(asPublic, _svc.AsReviewer()).ResponseAsync));

        // SR-4: a new review of the same item, from the start, with the marks lifted by the recorded declassification.
        var again = declassified.Review;
        Assert.NotEqual(review.ReviewId, again.ReviewId);
        Assert.Equal(review.Item.ItemId, again.Item.ItemId);
        Assert.Equal(Pb.ReviewStatus.AwaitingAssignment, again.Status);
        Assert.Equal("宁保解〔2026〕7号", again.PriorDeclassification.DocumentNumber);
        Assert.False(again.Classified);
        Assert.Equal(Clerk, again.Submitter);

        var approved = await PublicAndApprovedAsync(again);
        Assert.Equal(Pb.ReviewStatus.Concluded, approved.Status);
        var concluded = await _svc.Events.WaitForAsync<Pb.ReviewConcluded>(e => e.ReviewId == again.ReviewId, Topics.SecrecyReview);
        Assert.Equal(Pb.OpinionKind.Public, concluded.Opinion);
        Assert.Equal(ClassifiedNotice, concluded.ReleasedText);
        Assert.Equal(Pb.ItemSource.ProactivePublication, concluded.Source);
        var item = await Client.GetItemAsync(new Pb.GetItemRequest { ItemId = again.Item.ItemId }, _svc.AsHead());
        Assert.Equal([Pb.ReviewStatus.Superseded, Pb.ReviewStatus.Concluded], item.Reviews.Select(r => r.Status).ToList());
    }

    [Fact]
    public async Task SR5_an_escalated_item_cannot_be_released_before_the_determination()
    {
        var text = "西吉县境内主要地下水源地分布及取水工程布局说明。\n";
        var review = await _svc.KeepAllFindingsAsync(await _svc.ReadyForOpinionAsync((await SubmitAsync(text)).ReviewId));
        var escalate = new Pb.Opinion { Kind = Pb.OpinionKind.Escalate, Basis = "《保守国家秘密法》第二十条", Reason = "是否属于国家秘密不明确", CompetentAuthority = "固原市国家保密局" };
        var escalated = (await Client.GiveOpinionAsync(new Pb.GiveOpinionRequest { ReviewId = review.ReviewId, Opinion = escalate }, _svc.AsReviewer())).Review;
        Assert.Equal(Pb.ReviewStatus.AwaitingDetermination, escalated.Status);

        Assert.Equal("SR-5", await RuleOfAsync(() => Client.ApproveReviewAsync(new Pb.ApproveReviewRequest { ReviewId = review.ReviewId }, _svc.AsLeader()).ResponseAsync));
        Assert.Equal("SR-5", await RuleOfAsync(() => Client.GiveOpinionAsync(new Pb.GiveOpinionRequest { ReviewId = review.ReviewId, Opinion = Public() }, _svc.AsReviewer()).ResponseAsync));
        var queue = await Client.ListReviewerQueueAsync(new Pb.ListReviewerQueueRequest(), _svc.AsReviewer());
        Assert.Contains(queue.Entries, e => e.ReviewId == review.ReviewId && e.Task == Pb.ReviewTask.FollowUpEscalation);

        // Released anyway: recorded, and a violation for accountability.
        var early = await ReleaseAsync(review, text);
        Assert.False(early.Release.Reviewed);
        Assert.Equal(Pb.ViolationKind.ReleaseWithoutReview, Assert.Single(early.Violations).Kind);
        var violation = await _svc.Events.WaitForAsync<Pb.ViolationDetected>(e => e.ItemId == review.Item.ItemId, Topics.SecrecyReview);
        Assert.Equal(Pb.ViolationKind.ReleaseWithoutReview, violation.Kind);
        Assert.Equal(Clerk, violation.RecordedBy);

        var determined = (await Client.RecordDeterminationAsync(new Pb.RecordDeterminationRequest
        {
            ReviewId = review.ReviewId,
            Determination = new Pb.Determination { Authority = "固原市国家保密局", DecidedOn = Day(2026, 11, 2), DocumentNumber = "固保定〔2026〕3号", IsStateSecret = false },
        }, _svc.AsReviewer())).Review;
        Assert.Equal(Pb.ReviewStatus.InReview, determined.Status);
        await Client.GiveOpinionAsync(new Pb.GiveOpinionRequest { ReviewId = review.ReviewId, Opinion = Public() }, _svc.AsReviewer());
        await Client.ApproveReviewAsync(new Pb.ApproveReviewRequest { ReviewId = review.ReviewId }, _svc.AsLeader());

        var after = await ReleaseAsync(review, text);
        Assert.True(after.Release.Reviewed);
        Assert.Equal(review.ReviewId, after.Release.ReviewId);
        Assert.Empty(after.Violations);
        Assert.True(after.Release.WithinPeriod);
    }

    [Fact]
    public async Task SR8_a_jointly_produced_item_is_reviewed_by_the_general_office_only()
    {
        var review = await SubmitAsync("联系电话13983001234。\n" + PlainNotice, CoProducer);
        await Client.AssignReviewersAsync(new Pb.AssignReviewersRequest { ReviewId = review.ReviewId, Reviewer = Reviewer, ApprovingLeader = Leader }, _svc.AsHead());
        var get = new Pb.GetReviewRequest { ReviewId = review.ReviewId };
        var assigned = (await Client.GetReviewAsync(get, _svc.AsHead())).Review;

        // A reviewer without the general-office role: every reviewer's act is refused and nothing changes.
        Assert.Equal("SR-8", await RuleOfAsync(() => Client.RecordChecklistAsync(NothingFound(review.ReviewId), _svc.AsReviewer()).ResponseAsync));
        var keep = new Pb.ResolveFindingRequest { ReviewId = review.ReviewId, FindingNumber = 1, Disposition = Pb.FindingDisposition.Kept, Justification = "单位办公电话" };
        Assert.Equal("SR-8", await RuleOfAsync(() => Client.ResolveFindingAsync(keep, _svc.AsReviewer()).ResponseAsync));
        Assert.Equal(assigned, (await Client.GetReviewAsync(get, _svc.AsHead())).Review);

        // The same reviewer in the general office proceeds; approval still waits for the co-producer's consent.
        var generalOffice = _svc.AsGeneralOfficeReviewer();
        Assert.Equal(5, (await Client.RecordChecklistAsync(NothingFound(review.ReviewId), generalOffice)).Review.Checklist.Count);
        Assert.Equal(Pb.FindingDisposition.Kept, (await Client.ResolveFindingAsync(keep, generalOffice)).Review.Findings[0].Resolution.Disposition);
        var opinion = new Pb.GiveOpinionRequest { ReviewId = review.ReviewId, Opinion = Public() };
        Assert.Equal("SR-8", await RuleOfAsync(() => Client.GiveOpinionAsync(opinion, _svc.AsReviewer()).ResponseAsync));
        Assert.Equal(Pb.ReviewStatus.AwaitingApproval, (await Client.GiveOpinionAsync(opinion, generalOffice)).Review.Status);
        Assert.Equal("SR-8", await RuleOfAsync(() => Client.ApproveReviewAsync(new Pb.ApproveReviewRequest { ReviewId = review.ReviewId }, _svc.AsLeader()).ResponseAsync));
    }

    [Fact]
    public async Task SR8_a_jointly_produced_item_is_blocked_until_the_co_producers_consent_through_coordination()
    {
        var review = await SubmitAsync(PlainNotice, CoProducer);
        var requested = await _svc.Events.WaitForAsync<Co.CoordinationRequested>(e => e.ItemReference == review.Item.ItemId, Topics.SecrecyReview);
        Assert.Equal(Co.ItemSource.SecrecyReview, requested.Source);
        Assert.Equal(Agency, requested.AgencyCode);
        var concerned = Assert.Single(requested.AgenciesConcerned);
        Assert.Equal((CoProducer, Co.ConcernGround.JointProduction), (concerned.AgencyCode, concerned.Ground));
        Assert.Equal(PlainNotice, requested.DraftText);

        var generalOffice = _svc.AsGeneralOfficeReviewer();
        await _svc.KeepAllFindingsAsync(await _svc.ReadyForOpinionAsync(review.ReviewId, generalOffice), generalOffice);
        await Client.GiveOpinionAsync(new Pb.GiveOpinionRequest { ReviewId = review.ReviewId, Opinion = Public() }, generalOffice);
        var approve = new Pb.ApproveReviewRequest { ReviewId = review.ReviewId };
        Assert.Equal("SR-8", await RuleOfAsync(() => Client.ApproveReviewAsync(approve, _svc.AsLeader()).ResponseAsync));
        var leaderQueue = await Client.ListLeaderQueueAsync(new Pb.ListLeaderQueueRequest(), _svc.AsLeader());
        Assert.Contains(leaderQueue.Entries, e => e.ReviewId == review.ReviewId && e.Task == Pb.ReviewTask.AwaitConsent);

        Co.CoordinationConcluded Concluded(bool permitted) => new()
        {
            CoordinationId = "co-" + Guid.NewGuid().ToString("N")[..8],
            AgencyCode = Agency,
            Source = Co.ItemSource.SecrecyReview,
            ItemReference = review.Item.ItemId,
            Outcome = permitted ? Co.CoordinationOutcome.Consent : Co.CoordinationOutcome.ObjectionPrevails,
            ReleasePermitted = permitted,
            RequestId = requested.RequestId,
            ConcludedOn = Day(2026, 11, 2),
        };

        // The co-producer objects in writing: still blocked.
        Assert.Equal(TopicEventResponseStatus.Success, await _svc.DeliverAsync(Topics.Coordination, Concluded(permitted: false)));
        Assert.Equal("SR-8", await RuleOfAsync(() => Client.ApproveReviewAsync(approve, _svc.AsLeader()).ResponseAsync));
        var refused = (await Client.GetReviewAsync(new Pb.GetReviewRequest { ReviewId = review.ReviewId }, _svc.AsHead())).Review;
        Assert.False(Assert.Single(refused.Consents).Consents);

        // After a further coordination the co-producer consents: the leader can approve.
        Assert.Equal(TopicEventResponseStatus.Success, await _svc.DeliverAsync(Topics.Coordination, Concluded(permitted: true)));
        var approved = (await Client.ApproveReviewAsync(approve, _svc.AsLeader())).Review;
        Assert.Equal(Pb.ReviewStatus.Concluded, approved.Status);
        Assert.Equal(CoProducer, Assert.Single(approved.Consents, c => c.Consents).CoProducer);
    }

    [Fact]
    public async Task Queues_follow_the_review_through_consent_return_and_determination_within_the_agency()
    {
        var review = await SubmitAsync(PlainNotice, CoProducer);
        var requested = await _svc.Events.WaitForAsync<Co.CoordinationRequested>(e => e.ItemReference == review.Item.ItemId, Topics.SecrecyReview);
        // Another agency's review, named on the same person ids: never in this agency's queues.
        var elsewhere = Proactive(PlainNotice);
        elsewhere.AgencyCode = OtherAgency;
        var other = (await Client.SubmitProactiveItemAsync(elsewhere, _svc.Staff(Clerk, OtherAgency, StaffRole.Clerk))).Review;
        await Client.AssignReviewersAsync(new Pb.AssignReviewersRequest { ReviewId = other.ReviewId, Reviewer = Reviewer, ApprovingLeader = Leader },
            _svc.Staff(Head, OtherAgency, StaffRole.OfficeHead));

        async Task<(Pb.ReviewTask? Reviewer, Pb.ReviewTask? Leader)> TasksAsync()
        {
            var reviewerQueue = (await Client.ListReviewerQueueAsync(new Pb.ListReviewerQueueRequest(), _svc.AsGeneralOfficeReviewer())).Entries;
            var leaderQueue = (await Client.ListLeaderQueueAsync(new Pb.ListLeaderQueueRequest(), _svc.AsLeader())).Entries;
            Assert.DoesNotContain(reviewerQueue.Concat(leaderQueue), e => e.ReviewId == other.ReviewId);
            return (reviewerQueue.SingleOrDefault(e => e.ReviewId == review.ReviewId)?.Task, leaderQueue.SingleOrDefault(e => e.ReviewId == review.ReviewId)?.Task);
        }

        var generalOffice = _svc.AsGeneralOfficeReviewer();
        await _svc.ReadyForOpinionAsync(review.ReviewId, generalOffice);
        Assert.Equal((Pb.ReviewTask.Review, null), await TasksAsync());
        var publicOpinion = new Pb.GiveOpinionRequest { ReviewId = review.ReviewId, Opinion = Public() };
        await Client.GiveOpinionAsync(publicOpinion, generalOffice);
        Assert.Equal((null, Pb.ReviewTask.AwaitConsent), await TasksAsync());

        // SR-8: the co-producer's consent arrives from coordination.
        Assert.Equal(TopicEventResponseStatus.Success, await _svc.DeliverAsync(Topics.Coordination, new Co.CoordinationConcluded
        {
            CoordinationId = "co-queue",
            AgencyCode = Agency,
            Source = Co.ItemSource.SecrecyReview,
            ItemReference = review.Item.ItemId,
            Outcome = Co.CoordinationOutcome.Consent,
            ReleasePermitted = true,
            RequestId = requested.RequestId,
            ConcludedOn = Day(2026, 11, 2),
        }));
        Assert.Equal((null, Pb.ReviewTask.Approve), await TasksAsync());

        await Client.ReturnReviewAsync(new Pb.ReturnReviewRequest { ReviewId = review.ReviewId, Reason = "补充依据" }, _svc.AsLeader());
        Assert.Equal((Pb.ReviewTask.Review, null), await TasksAsync());

        await Client.GiveOpinionAsync(new Pb.GiveOpinionRequest
        {
            ReviewId = review.ReviewId,
            Opinion = new Pb.Opinion { Kind = Pb.OpinionKind.Escalate, CompetentAuthority = "固原市国家保密局", Basis = "保密审查制度第十条", Reason = "密级不明确" },
        }, generalOffice);
        Assert.Equal((Pb.ReviewTask.FollowUpEscalation, null), await TasksAsync());
        await Client.RecordDeterminationAsync(new Pb.RecordDeterminationRequest
        {
            ReviewId = review.ReviewId,
            Determination = new Pb.Determination { Authority = "固原市国家保密局", DecidedOn = Day(2026, 11, 2), DocumentNumber = "固保定〔2026〕9号", IsStateSecret = false },
        }, generalOffice);
        Assert.Equal((Pb.ReviewTask.Review, null), await TasksAsync());

        await Client.GiveOpinionAsync(publicOpinion, generalOffice);
        await Client.ApproveReviewAsync(new Pb.ApproveReviewRequest { ReviewId = review.ReviewId }, _svc.AsLeader());
        Assert.Equal((null, null), await TasksAsync());
    }

    [Fact]
    public async Task SR9_a_proactive_item_shows_its_20_working_day_period_and_deferral_is_capped_at_30()
    {
        var review = await SubmitAsync(PlainNotice);
        var period = review.Item.Proactive;
        Assert.Equal(Day(2026, 11, 2), period.FormedOrChangedOn);
        Assert.Equal(20, period.PeriodWorkingDays);
        Assert.Equal(Day(2026, 11, 30), period.PublicationDeadline); // 20 working days after Monday 2 November
        Assert.Equal(30, period.MaxDeferralWorkingDays);
        Assert.Equal(Day(2026, 11, 30), review.DueOn);

        var defer = new Pb.DeferPublicationRequest { ReviewId = review.ReviewId, WorkingDays = 10, Reason = "报上级机关审核" };
        var clerkTries = await Assert.ThrowsAsync<RpcException>(() => Client.DeferPublicationAsync(defer, _svc.AsClerk()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, clerkTries.StatusCode);

        var deferred = (await Client.DeferPublicationAsync(defer, _svc.AsHead())).Review;
        Assert.Equal(Day(2026, 12, 14), deferred.DueOn);
        Assert.Equal(Day(2026, 12, 14), deferred.Item.Proactive.DueOn);
        Assert.Equal(10, deferred.Item.Proactive.DeferredWorkingDays);
        Assert.Equal(Head, Assert.Single(deferred.Item.Proactive.Deferrals).ApprovedByHead);

        defer.WorkingDays = 21;
        Assert.Equal("SR-9", await RuleOfAsync(() => Client.DeferPublicationAsync(defer, _svc.AsHead()).ResponseAsync));

        // Past the deferred deadline the reviewer's queue shows it overdue, and a release then is outside the period.
        await _svc.KeepAllFindingsAsync(await _svc.ReadyForOpinionAsync(review.ReviewId));
        running.Clock.SetDate(new DateOnly(2026, 12, 15));
        var queue = await Client.ListReviewerQueueAsync(new Pb.ListReviewerQueueRequest(), _svc.AsReviewer());
        var entry = Assert.Single(queue.Entries, e => e.ReviewId == review.ReviewId);
        Assert.True(entry.Overdue);
        Assert.Equal(Day(2026, 12, 14), entry.DueOn);

        await Client.GiveOpinionAsync(new Pb.GiveOpinionRequest { ReviewId = review.ReviewId, Opinion = Public() }, _svc.AsReviewer());
        await Client.ApproveReviewAsync(new Pb.ApproveReviewRequest { ReviewId = review.ReviewId }, _svc.AsLeader());
        var released = await ReleaseAsync(review, PlainNotice);
        Assert.True(released.Release.Reviewed);
        Assert.False(released.Release.WithinPeriod);
        var recorded = await _svc.Events.WaitForAsync<Pb.ReleaseRecorded>(e => e.ItemId == review.Item.ItemId, Topics.SecrecyReview);
        Assert.Equal(Day(2026, 12, 14), recorded.PublicationDeadline);
        Assert.False(recorded.WithinPeriod);
    }

    [Fact]
    public async Task SR10_a_release_recorded_without_a_review_emits_ViolationDetected()
    {
        var review = await SubmitAsync(PlainNotice);
        var ahead = new Pb.RecordReleaseRequest { ItemId = review.Item.ItemId, ReleasedText = PlainNotice, ReleasedOn = Day(2026, 11, 3) };
        Assert.Equal("released_on", await FieldOfAsync(() => Client.RecordReleaseAsync(ahead, _svc.AsClerk()).ResponseAsync));

        // Found out later: it went out on the portal last Friday.
        var released = await Client.RecordReleaseAsync(new Pb.RecordReleaseRequest { ItemId = review.Item.ItemId, ReleasedText = PlainNotice, ReleasedOn = Day(2026, 10, 30) }, _svc.AsClerk());
        Assert.False(released.Release.Reviewed);
        Assert.Equal(Day(2026, 10, 30), released.Release.ReleasedOn);
        var violation = await _svc.Events.WaitForAsync<Pb.ViolationDetected>(e => e.ItemId == review.Item.ItemId, Topics.SecrecyReview);
        Assert.Equal(Pb.ViolationKind.ReleaseWithoutReview, violation.Kind);
        Assert.Equal(Agency, violation.AgencyCode);
        Assert.Equal(released.Violations.Single().ViolationId, violation.ViolationId);
        var recorded = await _svc.Events.WaitForAsync<Pb.ReleaseRecorded>(e => e.ItemId == review.Item.ItemId, Topics.SecrecyReview);
        Assert.False(recorded.Reviewed);
    }

    [Fact]
    public async Task SR10_a_classified_item_released_and_a_text_other_than_the_reviewed_one_are_violations()
    {
        var classified = await SubmitAsync(ClassifiedNotice);
        var kinds = (await ReleaseAsync(classified, ClassifiedNotice)).Violations.Select(v => v.Kind).Order().ToList();
        Assert.Equal([Pb.ViolationKind.ReleaseWithoutReview, Pb.ViolationKind.ClassifiedItemReleased], kinds);

        // Reviewed and passed, but what went out is not the reviewed text.
        var review = await PublicAndApprovedAsync(await SubmitAsync(PlainNotice));
        var altered = await ReleaseAsync(review, PlainNotice + "补充：各户名单见附件。");
        Assert.False(altered.Release.Reviewed);
        Assert.Equal(Pb.ViolationKind.ReleaseWithoutReview, Assert.Single(altered.Violations).Kind);
    }

    [Fact]
    public async Task SR10_a_reported_leak_is_a_violation_sent_to_accountability()
    {
        var review = await SubmitAsync(PlainNotice);
        var leak = (await Client.ReportLeakAsync(new Pb.ReportLeakRequest { ItemId = review.Item.ItemId, Description = "未定稿名单在微信群流传，群众举报" }, _svc.AsHead())).Violation;
        Assert.Equal(Pb.ViolationKind.ReportedLeak, leak.Kind);
        var sent = await _svc.Events.WaitForAsync<Pb.ViolationDetected>(e => e.ViolationId == leak.ViolationId, Topics.SecrecyReview);
        Assert.Equal((Pb.ViolationKind.ReportedLeak, review.Item.ItemId, Head), (sent.Kind, sent.ItemId, sent.RecordedBy));
        var item = await Client.GetItemAsync(new Pb.GetItemRequest { ItemId = review.Item.ItemId }, _svc.AsHead());
        Assert.Equal(leak.ViolationId, Assert.Single(item.Violations).ViolationId);
    }

    [Fact]
    public async Task SR1_a_retried_proactive_submission_finds_the_same_item()
    {
        var request = Proactive(PlainNotice);
        request.RequestId = Guid.NewGuid().ToString();
        var first = (await Client.SubmitProactiveItemAsync(request, _svc.AsClerk())).Review;
        var second = (await Client.SubmitProactiveItemAsync(request, _svc.AsClerk())).Review;
        Assert.Equal(first.ReviewId, second.ReviewId);
        var undated = Proactive(PlainNotice);
        undated.FormedOrChangedOn = null;
        Assert.Equal("formed_or_changed_on", await FieldOfAsync(() => Client.SubmitProactiveItemAsync(undated, _svc.AsClerk()).ResponseAsync));
    }
}
