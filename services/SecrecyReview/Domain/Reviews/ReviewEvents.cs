using Ogi.SecrecyReview.Domain.Redaction;

namespace Ogi.SecrecyReview.Domain.Reviews;

/// <summary>What happened to a review, collected on the aggregate for the event layer to publish.</summary>
public abstract record ReviewEvent(string ReviewId, DateTimeOffset OccurredAt);

public sealed record ReviewSubmitted(string ReviewId, DateTimeOffset OccurredAt, string ItemId, ItemSource Source, string Submitter, int FindingCount)
    : ReviewEvent(ReviewId, OccurredAt);

public sealed record ReviewersAssigned(string ReviewId, DateTimeOffset OccurredAt, string Reviewer, string ApprovingLeader)
    : ReviewEvent(ReviewId, OccurredAt);

public sealed record ChecklistRecorded(string ReviewId, DateTimeOffset OccurredAt, SecrecyChecklist Checklist)
    : ReviewEvent(ReviewId, OccurredAt);

public sealed record FindingResolved(string ReviewId, DateTimeOffset OccurredAt, int FindingNumber, FindingDisposition Disposition)
    : ReviewEvent(ReviewId, OccurredAt);

public sealed record OpinionGiven(string ReviewId, DateTimeOffset OccurredAt, OpinionKind Kind, ExemptionGround? Ground, string Basis, string Reason)
    : ReviewEvent(ReviewId, OccurredAt);

/// <summary>SR-5: the item waits for the competent authority's determination.</summary>
public sealed record EscalationRequested(string ReviewId, DateTimeOffset OccurredAt, string ItemId, string CompetentAuthority, string Basis, string Reason)
    : ReviewEvent(ReviewId, OccurredAt);

public sealed record DeterminationRecorded(string ReviewId, DateTimeOffset OccurredAt, ClassificationDetermination Determination)
    : ReviewEvent(ReviewId, OccurredAt);

/// <summary>SR-4: this review ends; the item needs a new review.</summary>
public sealed record DeclassificationRecorded(string ReviewId, DateTimeOffset OccurredAt, string ItemId, Declassification Declassification)
    : ReviewEvent(ReviewId, OccurredAt);

public sealed record CoProducerConsentRecorded(string ReviewId, DateTimeOffset OccurredAt, CoProducerConsent Consent)
    : ReviewEvent(ReviewId, OccurredAt);

public sealed record PublicationDeferred(string ReviewId, DateTimeOffset OccurredAt, PublicationDeferral Deferral)
    : ReviewEvent(ReviewId, OccurredAt);

public sealed record OpinionReturned(string ReviewId, DateTimeOffset OccurredAt, string ApprovingLeader, string Reason)
    : ReviewEvent(ReviewId, OccurredAt);

/// <summary>
/// The review is over (per item: opinion, basis, reason, and for a release the released text's SHA-256 and the
/// redactions). Intake hands out exactly the released text this hash names.
/// </summary>
public sealed record ReviewConcluded(
    string ReviewId,
    DateTimeOffset OccurredAt,
    string ItemId,
    string? ApplicationId,
    OpinionKind Opinion,
    ExemptionGround? Ground,
    string Basis,
    string Reason,
    string? ReleasedTextSha256,
    IReadOnlyList<RedactedPart> Redactions,
    string Reviewer,
    string ApprovingLeader)
    : ReviewEvent(ReviewId, OccurredAt);
