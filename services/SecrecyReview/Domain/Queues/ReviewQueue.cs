using Ogi.BuildingBlocks.Domain;
using Ogi.SecrecyReview.Domain.Reviews;

namespace Ogi.SecrecyReview.Domain.Queues;

/// <summary>What someone has to do on a review.</summary>
public enum ReviewTask
{
    [Label("指定审查人和审批领导")] AssignReviewers,
    [Label("保密审查并提出意见")] Review,
    [Label("跟进报审定密")] FollowUpEscalation,
    [Label("审批审查意见")] Approve,
    [Label("待共同制作单位书面同意")] AwaitConsent,
}

/// <summary>
/// One line of a queue. <see cref="Assignee"/> is null for a review nobody has been named on yet (the OGI office
/// assigns it). <see cref="DueOn"/> is the reply deadline or the proactive publication deadline (SR-9).
/// </summary>
public sealed record QueueEntry(string? Assignee, ReviewTask Task, string ReviewId, string ItemId, string Title, DateOnly? DueOn, bool Overdue);

/// <summary>The reviewers' and leaders' work on a day, most urgent first: overdue, then by due date, then by age.</summary>
public static class ReviewQueue
{
    public static IReadOnlyList<QueueEntry> Build(IEnumerable<Review> reviews, DateOnly today) =>
        reviews
            .Select(r => (Review: r, Entry: EntryFor(r, today)))
            .Where(x => x.Entry is not null)
            .OrderBy(x => x.Entry!.DueOn is null)
            .ThenBy(x => x.Entry!.DueOn)
            .ThenBy(x => x.Review.SubmittedAt)
            .Select(x => x.Entry!)
            .ToList();

    public static IReadOnlyList<QueueEntry> For(string person, IEnumerable<Review> reviews, DateOnly today) =>
        Build(reviews, today).Where(e => e.Assignee == person).ToList();

    private static QueueEntry? EntryFor(Review review, DateOnly today)
    {
        (string? who, ReviewTask task)? work = review.Status switch
        {
            ReviewStatus.AwaitingAssignment => (null, ReviewTask.AssignReviewers),
            ReviewStatus.InReview => (review.Reviewer, ReviewTask.Review),
            ReviewStatus.AwaitingDetermination => (review.Reviewer, ReviewTask.FollowUpEscalation),
            ReviewStatus.AwaitingApproval when review.Opinion!.IsReleasable && !review.HasAllConsents => (review.ApprovingLeader, ReviewTask.AwaitConsent),
            ReviewStatus.AwaitingApproval => (review.ApprovingLeader, ReviewTask.Approve),
            _ => null,
        };
        return work is { } w
            ? new QueueEntry(w.who, w.task, review.Id, review.Item.ItemId, review.Item.Title, review.DueOn, review.DueOn < today)
            : null;
    }
}
