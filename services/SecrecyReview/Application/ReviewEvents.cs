using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Messaging;
using Ogi.SecrecyReview.Api;
using Ogi.SecrecyReview.Domain.Reviews;
using Ogi.SecrecyReview.Domain.Supervision;
using Ogi.SecrecyReview.Persistence;
using Co = Ogi.Contracts.Coordination.V1;
using Pb = Ogi.Contracts.Review.V1;

namespace Ogi.SecrecyReview.Application;

/// <summary>What secrecy-review publishes on its own topic, added to the outbox in the unit of work of the change.</summary>
public sealed class ReviewEvents(Outbox outbox)
{
    /// <summary>The contract events a command's domain events call for: today, the conclusion of a review (to intake).</summary>
    public void Publish(DbContext db, LoadedReview loaded, IEnumerable<ReviewEvent> events)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        foreach (var concluded in events.OfType<Domain.Reviews.ReviewConcluded>())
        {
            var review = loaded.Review;
            var released = review.ReleasedText;
            var message = new Pb.ReviewConcluded
            {
                ReviewId = review.Id,
                ItemId = review.Item.ItemId,
                AgencyCode = review.Item.AgencyCode,
                Source = (Pb.ItemSource)ReviewMapping.ToContract(review.Item.Source),
                ApplicationId = review.Item.ApplicationId ?? "",
                DocumentId = loaded.ItemRow.DocumentId ?? "",
                Opinion = (Pb.OpinionKind)ReviewMapping.ToContract(concluded.Opinion),
                Ground = concluded.Ground is { } ground ? (Pb.ExemptionGround)ReviewMapping.ToContract(ground) : Pb.ExemptionGround.Unspecified,
                Basis = concluded.Basis,
                Reason = concluded.Reason,
                ReleasedText = released?.Text ?? "",
                ReleasedTextSha256 = concluded.ReleasedTextSha256 ?? "",
                Redactions = { concluded.Redactions.Select(ReviewMapping.ToContract) },
                Classified = review.IsClassified || concluded.Ground == ExemptionGround.StateSecret,
                Reviewer = concluded.Reviewer,
                ApprovingLeader = concluded.ApprovingLeader,
                ConcludedAt = ReviewMapping.ToTimestamp(concluded.OccurredAt),
            };
            outbox.Add(db, Topics.SecrecyReview, review.Item.ItemId, message);
        }
    }

    /// <summary>SR-8: a jointly produced item asks its co-producers for written consent through coordination (CO-1).</summary>
    public void RequestConsent(DbContext db, ReviewItem item, string requestId, string requestedBy)
    {
        ArgumentNullException.ThrowIfNull(item);
        outbox.Add(db, Topics.SecrecyReview, item.ItemId, new Co.CoordinationRequested
        {
            RequestId = requestId,
            Source = Co.ItemSource.SecrecyReview,
            ItemReference = item.ItemId,
            ApplicationId = item.ApplicationId ?? "",
            AgencyCode = item.AgencyCode,
            Title = item.Title,
            DraftText = item.Text,
            AgenciesConcerned =
            {
                (item.CoProducers ?? []).Select(code => new Co.AgencyConcerned { AgencyCode = code, Ground = Co.ConcernGround.JointProduction }),
            },
            RequestedBy = requestedBy,
        });
    }

    /// <summary>SR-10 to accountability.</summary>
    public void Violation(DbContext db, ViolationRow row, string? recordedBy)
    {
        ArgumentNullException.ThrowIfNull(row);
        outbox.Add(db, Topics.SecrecyReview, row.ItemId, new Pb.ViolationDetected
        {
            ViolationId = row.Id.ToString(),
            Kind = (Pb.ViolationKind)ReviewMapping.ToContract(Enum.Parse<ViolationKind>(row.Kind)),
            ItemId = row.ItemId,
            AgencyCode = row.AgencyCode,
            ReviewId = row.ReviewId ?? "",
            Description = row.Description,
            DetectedAt = ReviewMapping.ToTimestamp(row.DetectedAt),
            RecordedBy = recordedBy ?? "",
        });
    }

    /// <summary>SR-10, SR-9: a release was recorded, reviewed or not, within the period or not.</summary>
    public void Release(DbContext db, ReleaseRow row, ItemSource source, DateOnly? publicationDeadline)
    {
        ArgumentNullException.ThrowIfNull(row);
        outbox.Add(db, Topics.SecrecyReview, row.ItemId, new Pb.ReleaseRecorded
        {
            ItemId = row.ItemId,
            AgencyCode = row.AgencyCode,
            Source = (Pb.ItemSource)ReviewMapping.ToContract(source),
            Reviewed = row.Reviewed,
            ReviewId = row.ReviewId ?? "",
            ReleasedOn = ReviewMapping.ToDate(row.ReleasedOn),
            PublicationDeadline = ReviewMapping.ToDate(publicationDeadline),
            WithinPeriod = row.WithinPeriod ?? false,
        });
    }
}
