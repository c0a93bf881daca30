using Ogi.BuildingBlocks.Domain;
using Ogi.SecrecyReview.Domain.Reviews;

namespace Ogi.SecrecyReview.Domain.Supervision;

/// <summary>What supervision found (SR-10, seed 001 第十五条–第十七条); each opens an accountability case (AC-1).</summary>
public enum ViolationKind
{
    [Label("未经保密审查公开")] ReleaseWithoutReview,
    [Label("公开涉密信息")] ClassifiedItemReleased,
    [Label("泄密举报")] ReportedLeak,
}

/// <summary>A violation event for accountability. No personal data: the item and agency, not the text.</summary>
public sealed record ViolationDetected(ViolationKind Kind, string ItemId, string AgencyCode, string? ReviewId, string Description, DateTimeOffset DetectedAt);

/// <summary>A release of an item as recorded by whoever published it (intake's reply, a portal's publication).</summary>
public sealed record RecordedRelease(string ItemId, string AgencyCode, string ReleasedText, DateTimeOffset ReleasedAt);

/// <summary>
/// SR-10 (with SR-1 先审查后公开): a recorded release passes only when the item's latest review concluded PUBLIC or
/// PARTIAL and the released text is exactly the reviewed (redacted) text. A classified item released is reported too.
/// </summary>
public static class ReleaseCheck
{
    public static IReadOnlyList<ViolationDetected> Examine(RecordedRelease release, IEnumerable<Review> reviewsOfItem)
    {
        ArgumentNullException.ThrowIfNull(release);
        var reviews = reviewsOfItem.Where(r => r.Item.ItemId == release.ItemId).OrderBy(r => r.SubmittedAt).ToList();
        var violations = new List<ViolationDetected>();
        var latest = reviews.LastOrDefault();
        if (latest is not null && (latest.IsClassified || latest.Opinion?.Ground == ExemptionGround.StateSecret))
        {
            violations.Add(new ViolationDetected(ViolationKind.ClassifiedItemReleased, release.ItemId, release.AgencyCode, latest.Id,
                "the released item is marked, declared or determined a state secret", release.ReleasedAt));
        }

        var passing = reviews.LastOrDefault(r => r.PassedForRelease && r.ConcludedAt <= release.ReleasedAt);
        if (passing is null)
        {
            violations.Add(new ViolationDetected(ViolationKind.ReleaseWithoutReview, release.ItemId, release.AgencyCode, latest?.Id,
                "released without a concluded 公开 or 部分公开 review", release.ReleasedAt));
        }
        else if (!string.Equals(passing.ReleasedText!.Text, release.ReleasedText, StringComparison.Ordinal))
        {
            violations.Add(new ViolationDetected(ViolationKind.ReleaseWithoutReview, release.ItemId, release.AgencyCode, passing.Id,
                "the released text differs from the text the review passed", release.ReleasedAt));
        }

        return violations;
    }
}

/// <summary>SR-10: a reported leak (泄密) is a violation whatever the reviews say.</summary>
public static class LeakReport
{
    public static ViolationDetected Record(string itemId, string agencyCode, string description, DateTimeOffset reportedAt)
    {
        if (string.IsNullOrWhiteSpace(itemId))
        {
            throw new InvalidInputException("item_id", "required");
        }

        if (string.IsNullOrWhiteSpace(description))
        {
            throw new InvalidInputException("description", "say what leaked and how it was reported");
        }

        return new ViolationDetected(ViolationKind.ReportedLeak, itemId, agencyCode, null, description, reportedAt);
    }
}
