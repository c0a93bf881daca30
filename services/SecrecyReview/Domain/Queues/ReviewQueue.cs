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
/// What a queue needs of one review that is waiting for someone. The store keeps it on the review's row, written on
/// every save, so a queue reads these columns and never the review itself.
/// </summary>
public sealed record QueueLine(string ReviewId, string ItemId, string Title, string? Assignee, ReviewTask Task, DateOnly? DueOn, DateTimeOffset SubmittedAt);

/// <summary>
/// One line of a queue. <see cref="Assignee"/> is null for a review nobody has been named on yet (the OGI office
/// assigns it). <see cref="DueOn"/> is the reply deadline or the proactive publication deadline (SR-9).
/// </summary>
public sealed record QueueEntry(string? Assignee, ReviewTask Task, string ReviewId, string ItemId, string Title, DateOnly? DueOn, bool Overdue);

/// <summary>The reviewers' and leaders' work on a day, most urgent first: overdue, then by due date, then by age.</summary>
public static class ReviewQueue
{
    /// <summary>Who has to do what on <paramref name="review"/> now; null when it waits for nobody (concluded, superseded).</summary>
    public static QueueLine? LineOf(Review review)
    {
        ArgumentNullException.ThrowIfNull(review);
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
            ? new QueueLine(review.Id, review.Item.ItemId, review.Item.Title, w.who, w.task, review.DueOn, review.SubmittedAt)
            : null;
    }

    /// <summary>Orders the lines (an undated review after every dated one) and marks what is overdue on <paramref name="today"/>.</summary>
    public static IReadOnlyList<QueueEntry> Build(IEnumerable<QueueLine> lines, DateOnly today) =>
        lines
            .OrderBy(l => l.DueOn is null)
            .ThenBy(l => l.DueOn)
            .ThenBy(l => l.SubmittedAt)
            .ThenBy(l => l.ReviewId, StringComparer.Ordinal)
            .Select(l => new QueueEntry(l.Assignee, l.Task, l.ReviewId, l.ItemId, l.Title, l.DueOn, l.DueOn < today))
            .ToList();
}
