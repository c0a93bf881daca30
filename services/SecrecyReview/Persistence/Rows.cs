namespace Ogi.SecrecyReview.Persistence;

/// <summary>
/// An item to be made public (SR-1): the columns lookups need and the whole domain item as JSON (<see cref="Item"/>).
/// The text lives only in the document.
/// </summary>
public sealed class ItemRow
{
    public required string Id { get; set; }

    public required string AgencyCode { get; set; }

    public required string Source { get; set; }

    /// <summary>Intake items: with <see cref="DocumentId"/>, unique (one item per document, however often intake asks).</summary>
    public string? ApplicationId { get; set; }

    public string? DocumentId { get; set; }

    /// <summary>Proactive items: the submitter and their request id, unique (a retried submission finds the same item).</summary>
    public string? RequestKey { get; set; }

    public required string SubmittedBy { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public required string Item { get; set; }
}

/// <summary>
/// One review of an item: the columns lookups and the queues read, and the commands that built the aggregate
/// (<see cref="Commands"/>, JSON), replayed on load. Superseded reviews (SR-4) keep their rows.
/// </summary>
public sealed class ReviewRow
{
    public required string Id { get; set; }

    public required string ItemId { get; set; }

    public required string AgencyCode { get; set; }

    public required string Status { get; set; }

    public string? Reviewer { get; set; }

    public string? ApprovingLeader { get; set; }

    public DateOnly? DueOn { get; set; }

    /// <summary>The item's title, for the queue line.</summary>
    public required string Title { get; set; }

    /// <summary>Queues: the <c>ReviewTask</c> the review waits on; null when it waits for nobody (concluded, superseded).</summary>
    public string? QueueTask { get; set; }

    /// <summary>Queues: who has to do <see cref="QueueTask"/>; null while nobody is named (the office head assigns).</summary>
    public string? Assignee { get; set; }

    /// <summary>SR-4: the declassified review this one follows.</summary>
    public string? PriorReviewId { get; set; }

    /// <summary>SR-8: the coordination request asking the co-producers for consent.</summary>
    public string? ConsentRequestId { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string Commands { get; set; }

    /// <summary>Optimistic concurrency: every save increments it; a stale save fails.</summary>
    public int Version { get; set; }
}

/// <summary>SR-10: a recorded release and whether a passing review backed it.</summary>
public sealed class ReleaseRow
{
    public Guid Id { get; set; }

    public required string ItemId { get; set; }

    public required string AgencyCode { get; set; }

    public string? ReviewId { get; set; }

    public bool Reviewed { get; set; }

    public DateOnly ReleasedOn { get; set; }

    public required string ReleasedTextSha256 { get; set; }

    public required string RecordedBy { get; set; }

    /// <summary>SR-9, proactive items only.</summary>
    public bool? WithinPeriod { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>SR-10: a violation sent to accountability. No personal data: item, agency, review and what happened.</summary>
public sealed class ViolationRow
{
    public Guid Id { get; set; }

    public required string Kind { get; set; }

    public required string ItemId { get; set; }

    public required string AgencyCode { get; set; }

    public string? ReviewId { get; set; }

    public required string Description { get; set; }

    public string? RecordedBy { get; set; }

    public DateTimeOffset DetectedAt { get; set; }
}
