using Ogi.BuildingBlocks.Domain;
using Ogi.SecrecyReview.Domain;
using Ogi.SecrecyReview.Domain.Queues;
using Ogi.SecrecyReview.Domain.Redaction;
using Ogi.SecrecyReview.Domain.Reviews;
using Ogi.SecrecyReview.Domain.Supervision;
using static Ogi.SecrecyReview.Tests.ReviewFixture;

namespace Ogi.SecrecyReview.Tests;

public sealed class SupervisionAndQueueTests
{
    private static RecordedRelease Release(string text, string itemId = "item-1") =>
        new(itemId, "11500000009284512Q", text, At.AddDays(2));

    private static Review ConcludedPublic(ReviewItem? item = null)
    {
        var review = InReview(item);
        review.GiveOpinion(ByReviewer, PublicOpinion(), At);
        review.Approve(Leader, At.AddHours(1));
        return review;
    }

    // ---- SR-10 ----

    [Fact]
    public void SR10_a_recorded_release_without_a_review_yields_ViolationDetected()
    {
        var violation = Assert.Single(ReleaseCheck.Examine(Release(PlainText), []));
        Assert.Equal((ViolationKind.ReleaseWithoutReview, "item-1", null), (violation.Kind, violation.ItemId, violation.ReviewId));
        Assert.Equal("未经保密审查公开", violation.Kind.Chinese());
    }

    [Fact]
    public void SR10_release_while_the_review_is_still_open_is_a_violation()
    {
        var review = InReview();
        review.GiveOpinion(ByReviewer, PublicOpinion(), At);
        Assert.Equal(ViolationKind.ReleaseWithoutReview, Assert.Single(ReleaseCheck.Examine(Release(PlainText), [review])).Kind);
    }

    [Fact]
    public void SR10_release_of_exactly_the_passed_text_is_no_violation() =>
        Assert.Empty(ReleaseCheck.Examine(Release(PlainText), [ConcludedPublic()]));

    [Fact]
    public void SR10_release_of_a_different_text_is_a_violation()
    {
        var violation = Assert.Single(ReleaseCheck.Examine(Release(PlainText + "补充内容"), [ConcludedPublic()]));
        Assert.Equal((ViolationKind.ReleaseWithoutReview, "review-1"), (violation.Kind, violation.ReviewId));
    }

    [Fact]
    public void SR10_partial_release_must_be_the_redacted_text()
    {
        var review = InReview();
        review.GiveOpinion(ByReviewer, Opinion.Partial("条例第三十七条", "区分处理", [new WithheldRange(0, 4, "过程性信息")]), At);
        review.Approve(Leader, At);
        Assert.NotEmpty(ReleaseCheck.Examine(Release(PlainText), [review]));
        Assert.Empty(ReleaseCheck.Examine(Release(review.ReleasedText!.Text), [review]));
    }

    [Fact]
    public void SR10_a_classified_item_released_is_reported_as_such()
    {
        var review = InReview(ApplicationItem("绝密★长期\n正文\n"));
        var kinds = ReleaseCheck.Examine(Release("绝密★长期\n正文\n"), [review]).Select(v => v.Kind).ToList();
        Assert.Equal([ViolationKind.ClassifiedItemReleased, ViolationKind.ReleaseWithoutReview], kinds);
    }

    [Fact]
    public void SR10_a_release_before_the_review_concluded_is_a_violation()
    {
        var review = ConcludedPublic();
        var early = Release(PlainText) with { ReleasedAt = At };
        Assert.Equal(ViolationKind.ReleaseWithoutReview, Assert.Single(ReleaseCheck.Examine(early, [review])).Kind);
    }

    [Fact]
    public void SR10_release_after_declassification_but_before_the_new_review_is_unreviewed_not_classified()
    {
        var review = InReview(ApplicationItem("秘密★\n正文\n"));
        Assert.Equal(ViolationKind.ClassifiedItemReleased, ReleaseCheck.Examine(Release("正文"), [review])[0].Kind);
        review.RecordDeclassification(Reviewer, new Declassification("市国家保密局", new DateOnly(2026, 10, 30), "渝保解〔2026〕8号"), At);
        Assert.Equal(ViolationKind.ReleaseWithoutReview, Assert.Single(ReleaseCheck.Examine(Release("正文"), [review])).Kind);
    }

    [Fact]
    public void SR10_a_reported_leak_is_a_violation()
    {
        var leak = LeakReport.Record("item-9", "11500000009284512Q", "群众举报：内部文件在微信群流传", At);
        Assert.Equal(ViolationKind.ReportedLeak, leak.Kind);
        Assert.Throws<Ogi.BuildingBlocks.Domain.InvalidInputException>(() => LeakReport.Record("item-9", "x", "", At));
    }

    // ---- queues ----

    [Fact]
    public void Queue_lists_each_persons_work_most_urgent_first()
    {
        var unassigned = Submitted(ApplicationItem() with { ItemId = "a", ReplyDeadline = new DateOnly(2026, 11, 25) }, "r-a");
        var reviewing = InReview(ApplicationItem() with { ItemId = "b", ReplyDeadline = new DateOnly(2026, 11, 10) }, "r-b");
        var approving = InReview(ProactiveItem() with { ItemId = "c" }, "r-c");
        approving.GiveOpinion(ByReviewer, PublicOpinion(), At);
        var overdue = InReview(ApplicationItem() with { ItemId = "d", ReplyDeadline = new DateOnly(2026, 11, 3) }, "r-d");
        overdue.GiveOpinion(ByReviewer, Opinion.Escalate("市国家保密局", "保密审查制度第十条", "密级不明确"), At);
        var waitingConsent = InReview(ApplicationItem(coProducers: ["区财政局"]) with { ItemId = "e", ReplyDeadline = new DateOnly(2026, 11, 12) }, "r-e");
        waitingConsent.GiveOpinion(ByGeneralOfficeReviewer, PublicOpinion(), At);
        var done = ConcludedPublic(ApplicationItem() with { ItemId = "f" });

        var today = new DateOnly(2026, 11, 5);
        Review[] reviews = [unassigned, reviewing, approving, overdue, waitingConsent, done];
        Assert.Null(ReviewQueue.LineOf(done));
        var queue = ReviewQueue.Build(reviews.Select(ReviewQueue.LineOf).OfType<QueueLine>(), today);

        Assert.Equal(
            [
                ("r-d", Reviewer, ReviewTask.FollowUpEscalation, true),
                ("r-b", Reviewer, ReviewTask.Review, false),
                ("r-e", Leader, ReviewTask.AwaitConsent, false),
                ("r-a", null, ReviewTask.AssignReviewers, false),
                ("r-c", Leader, ReviewTask.Approve, false),
            ],
            queue.Select(e => (e.ReviewId, e.Assignee, e.Task, e.Overdue)).ToList());
        Assert.Equal(new DateOnly(2026, 11, 30), queue[^1].DueOn);
        Assert.Equal("主动公开公告", queue[^1].Title);
    }
}
