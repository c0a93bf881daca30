using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Testing;
using Ogi.SecrecyReview.Domain.Queues;
using Ogi.SecrecyReview.Domain.Redaction;
using Ogi.SecrecyReview.Domain.Reviews;
using Ogi.SecrecyReview.Persistence;
using Ogi.SecrecyReview.Persistence.Migrations;
using static Ogi.SecrecyReview.Tests.ReviewFixture;

namespace Ogi.SecrecyReview.Tests;

/// <summary>Reviews on the real PostgreSQL: the command log replays to the same aggregate; concurrent saves do not both win.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ReviewStoreTests(PostgresFixture postgres) : IAsyncLifetime
{
    private string _role = "";

    public async Task InitializeAsync()
    {
        var admin = await postgres.CreateDatabaseAsync("secrecy_review_store");
        _role = await ServiceDatabaseSetup.ProvisionAndMigrateAsync<SecrecyReviewDbContext>(admin, ServiceIdentity.SecrecyReview);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private SecrecyReviewDbContext Context() => ServiceDatabase.CreateContext<SecrecyReviewDbContext>(_role, ServiceIdentity.SecrecyReview);

    private async Task StoreAsync(ReviewItem item, string reviewId, string documentId = "doc-1")
    {
        await using var db = Context();
        var store = new ReviewStore(db);
        var row = store.AddItem(item, documentId, requestKey: null, Clerk, At);
        store.AddReview(row, Review.Submit(reviewId, item, Clerk, At), priorReviewId: null, consentRequestId: null);
        await db.SaveChangesAsync();
    }

    private async Task SaveAsync(string reviewId, params ReviewCommand[] commands)
    {
        await using var db = Context();
        var loaded = await new ReviewStore(db).LoadAsync(reviewId);
        foreach (var command in commands)
        {
            loaded.Apply(command);
        }

        ReviewStore.Update(loaded, At);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_partial_review_comes_back_from_its_command_log_exactly_as_it_was_decided()
    {
        var text = "申请人王某，身份证号码" + SampleTexts.ValidId + "，手机13983001234。\n项目总投资3200万元。\n";
        await StoreAsync(ApplicationItem(text) with { ItemId = "item-partial" }, "review-partial");
        await SaveAsync("review-partial",
            new AssignCommand(At, Reviewer, Leader),
            new ChecklistCommand(At, Reviewer, false, Checklist()),
            new ResolveFindingCommand(At, Reviewer, false, 1, FindingDisposition.Redacted, "公民身份号码属于个人隐私"),
            new ResolveFindingCommand(At, Reviewer, false, 2, FindingDisposition.Redacted, "个人联系方式"));
        await SaveAsync("review-partial",
            new OpinionCommand(At, Reviewer, false, Opinion.Partial("《条例》第十五条", "个人隐私部分不予公开", [new WithheldRange(3, 2, "申请人姓名")])),
            new ApproveCommand(At.AddHours(1), Leader));

        await using var db = Context();
        var loaded = await new ReviewStore(db).LoadAsync("review-partial");
        var review = loaded.Review;
        Assert.Equal(ReviewStatus.Concluded, review.Status);
        Assert.Equal("申请人■■■，身份证号码■■■，手机■■■。\n项目总投资3200万元。\n", review.ReleasedText!.Text);
        Assert.Equal(["申请人姓名", "公民身份号码属于个人隐私", "个人联系方式"], review.ReleasedText.Redactions.Select(r => r.Reason));
        Assert.Equal(At.AddHours(1), review.ConcludedAt);
        Assert.All(review.Findings, f => Assert.Equal(FindingDisposition.Redacted, f.Resolution!.Disposition));
        Assert.Equal((nameof(ReviewStatus.Concluded), Reviewer, Leader, 2), (loaded.Row.Status, loaded.Row.Reviewer, loaded.Row.ApprovingLeader, loaded.Row.Version));
    }

    [Fact]
    public async Task SR8_a_log_written_before_the_general_office_check_replays_as_it_was_accepted()
    {
        await StoreAsync(ApplicationItem(coProducers: ["区财政局"]) with { ItemId = "item-joint" }, "review-joint");
        await SaveAsync("review-joint",
            new AssignCommand(At, Reviewer, Leader),
            new ChecklistCommand(At, Reviewer, true, Checklist()),
            new OpinionCommand(At, Reviewer, true, PublicOpinion()));
        await using (var db = Context())
        {
            Assert.Contains("actorInGeneralOffice", (await new ReviewStore(db).LoadAsync("review-joint")).Row.Commands, StringComparison.Ordinal);
            // The log as it was written before reviewer acts recorded the general-office membership.
            await db.Database.ExecuteSqlRawAsync("""
                UPDATE secrecy_review.reviews
                SET commands = (SELECT jsonb_agg(c.value - 'actorInGeneralOffice' ORDER BY c.ordinality) FROM jsonb_array_elements(commands) WITH ORDINALITY c)
                """);
        }

        await using var again = Context();
        var loaded = await new ReviewStore(again).LoadAsync("review-joint");
        Assert.DoesNotContain("actorInGeneralOffice", loaded.Row.Commands, StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.AwaitingApproval, loaded.Review.Status);

        // A new act is checked on what it records.
        loaded.Apply(new ReturnCommand(At, Leader, "依据引用不准确"));
        var refused = Assert.Throws<RuleViolationException>(() => loaded.Apply(new OpinionCommand(At, Reviewer, false, PublicOpinion())));
        Assert.Equal("SR-8", refused.RuleId);
        Assert.Equal(4, loaded.Commands.Count);
    }

    /// <summary>One review at each point a queue tells apart, each its own item; the ids say where it stands.</summary>
    private async Task StoreEveryQueueStateAsync()
    {
        var n = 0;
        async Task<string> NewAsync(string name, IReadOnlyList<string>? coProducers = null, DateOnly? due = null)
        {
            n++;
            var item = ApplicationItem(coProducers: coProducers) with { ItemId = "item-" + name, Title = "答复材料 " + name, ReplyDeadline = due ?? new DateOnly(2026, 11, 20 + n) };
            await StoreAsync(item, name, "doc-" + name);
            return name;
        }

        var assign = new AssignCommand(At, Reviewer, Leader);
        var checklist = new ChecklistCommand(At, Reviewer, true, Checklist());
        var opinion = new OpinionCommand(At, Reviewer, true, PublicOpinion());
        CoProducerConsent Consent(bool yes) => new("区财政局", yes, "区财政局复函", At);
        await NewAsync("unassigned");
        await SaveAsync(await NewAsync("in-review"), assign, checklist);
        await SaveAsync(await NewAsync("returned"), assign, checklist, opinion, new ReturnCommand(At, Leader, "依据引用不准确"));
        await SaveAsync(await NewAsync("escalated"), assign, checklist, new OpinionCommand(At, Reviewer, true, Opinion.Escalate("市国家保密局", "保密审查制度第十条", "密级不明确")));
        await SaveAsync(await NewAsync("approve"), assign, checklist, opinion);
        await SaveAsync(await NewAsync("await-consent", ["区财政局"]), assign, checklist, opinion);
        await SaveAsync(await NewAsync("refused-consent", ["区财政局"]), assign, checklist, opinion, new ConsentCommand(At, Consent(false)));
        await SaveAsync(await NewAsync("consented", ["区财政局"]), assign, checklist, opinion, new ConsentCommand(At, Consent(false)), new ConsentCommand(At, Consent(true)));
        await SaveAsync(await NewAsync("exempt-joint", ["区财政局"]), assign, checklist,
            new OpinionCommand(At, Reviewer, true, Opinion.Exempt(ExemptionGround.InternalAffairs, "条例第十六条", "内部事务")));
        await SaveAsync(await NewAsync("concluded", due: new DateOnly(2026, 11, 1)), assign, checklist, opinion, new ApproveCommand(At, Leader));
    }

    [Fact]
    public async Task Queues_read_the_queue_columns_and_never_replay_a_review()
    {
        await StoreEveryQueueStateAsync();
        await using var db = Context();
        // Logs and items that could not be replayed or read: a queue that touched them would fail.
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE secrecy_review.reviews SET commands = jsonb_build_array(jsonb_build_object('command', 'no-such-command'));
            UPDATE secrecy_review.items SET item = jsonb_build_object();
            """);
        var store = new ReviewStore(db);
        var today = new DateOnly(2026, 11, 22);

        var reviewer = ReviewQueue.Build(await store.QueueAsync(ApplicationItem().AgencyCode, Reviewer, [ReviewTask.Review, ReviewTask.FollowUpEscalation], unassigned: true), today);
        Assert.Equal(
            [("unassigned", null, ReviewTask.AssignReviewers), ("in-review", Reviewer, ReviewTask.Review), ("returned", Reviewer, ReviewTask.Review), ("escalated", Reviewer, ReviewTask.FollowUpEscalation)],
            reviewer.Select(l => (l.ReviewId, l.Assignee, l.Task)).ToList());
        Assert.Equal(("item-returned", "答复材料 returned", new DateOnly(2026, 11, 23), false), (reviewer[2].ItemId, reviewer[2].Title, reviewer[2].DueOn, reviewer[2].Overdue));
        Assert.True(reviewer[0].Overdue);

        var leader = ReviewQueue.Build(await store.QueueAsync(ApplicationItem().AgencyCode, Leader, [ReviewTask.Approve, ReviewTask.AwaitConsent], unassigned: false), today);
        Assert.Equal(
            [("approve", ReviewTask.Approve), ("await-consent", ReviewTask.AwaitConsent), ("refused-consent", ReviewTask.AwaitConsent), ("consented", ReviewTask.Approve), ("exempt-joint", ReviewTask.Approve)],
            leader.Select(l => (l.ReviewId, l.Task)).ToList());
        Assert.Empty(await store.QueueAsync("11640000MB0000000X", Leader, [ReviewTask.Approve, ReviewTask.AwaitConsent], unassigned: true));
    }

    [Fact]
    public async Task The_migration_computes_the_queue_columns_of_existing_rows_as_every_save_does()
    {
        await StoreEveryQueueStateAsync();
        await using var db = Context();
        async Task<List<(string, string, string?, string?)>> ColumnsAsync() =>
            (await db.Reviews.AsNoTracking().OrderBy(r => r.Id).ToListAsync()).Select(r => (r.Id, r.Title, r.QueueTask, r.Assignee)).ToList();
        var projected = await ColumnsAsync();
        Assert.Equal(10, projected.Count);

        await db.Database.ExecuteSqlRawAsync("UPDATE secrecy_review.reviews SET title = '', queue_task = NULL, assignee = NULL");
        await db.Database.ExecuteSqlRawAsync(QueueColumns.Backfill);
        Assert.Equal(projected, await ColumnsAsync());
    }

    [Fact]
    public async Task Two_people_saving_the_same_review_at_once_do_not_both_win()
    {
        await StoreAsync(ApplicationItem() with { ItemId = "item-race" }, "review-race");
        await using var first = Context();
        await using var second = Context();
        var a = await new ReviewStore(first).LoadAsync("review-race");
        var b = await new ReviewStore(second).LoadAsync("review-race");

        a.Apply(new AssignCommand(At, Reviewer, Leader));
        ReviewStore.Update(a, At);
        await first.SaveChangesAsync();
        b.Apply(new AssignCommand(At, "reviewer-zhao", "leader-sun"));
        ReviewStore.Update(b, At);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var db = Context();
        Assert.Equal(Reviewer, (await new ReviewStore(db).LoadAsync("review-race")).Review.Reviewer);
    }

    [Fact]
    public async Task SR1_one_item_per_intake_document_is_enforced_by_the_schema()
    {
        await StoreAsync(ApplicationItem() with { ItemId = "item-doc-a" }, "review-doc-a");
        var again = async () => await StoreAsync(ApplicationItem() with { ItemId = "item-doc-b" }, "review-doc-b");
        var error = await Assert.ThrowsAsync<DbUpdateException>(again);
        Assert.Contains("ix_items_application_document", error.InnerException!.Message, StringComparison.Ordinal);
    }
}
