namespace Ogi.Coordination.Persistence;

/// <summary>
/// One coordination: the columns the lists, the lapse job and the idempotency check query, and the whole
/// aggregate as a JSON document (<see cref="State"/>).
/// </summary>
public sealed class CoordinationRow
{
    public Guid Id { get; set; }

    /// <summary>The releasing agency.</summary>
    public required string AgencyCode { get; set; }

    public required string Source { get; set; }

    public required string ItemReference { get; set; }

    /// <summary>The intake application the item belongs to (CO-6), when it came from intake.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The CoordinationRequested event's request id; with <see cref="Source"/>, unique.</summary>
    public string? RequestId { get; set; }

    public required string Status { get; set; }

    public DateOnly OpenedOn { get; set; }

    /// <summary>The earliest due day of a letter still awaiting its answer: what the lapse job looks at.</summary>
    public DateOnly? NextDueOn { get; set; }

    public string? EscalatedTo { get; set; }

    public required string State { get; set; }

    /// <summary>Optimistic concurrency: every save increments it; a stale save fails.</summary>
    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<LetterRow> Letters { get; set; } = [];
}

/// <summary>One letter of a coordination, by the agency it is addressed to: the queues and the agency-concerned lists.</summary>
public sealed class LetterRow
{
    public Guid CoordinationId { get; set; }

    public required string AgencyCode { get; set; }

    public required string Kind { get; set; }

    public required string Status { get; set; }

    public DateOnly DueOn { get; set; }
}

/// <summary>One third-party consultation (CO-4), with its aggregate as a JSON document.</summary>
public sealed class ThirdPartyConsultationRow
{
    public Guid Id { get; set; }

    public required string AgencyCode { get; set; }

    public required string Source { get; set; }

    public required string ItemReference { get; set; }

    public string? ApplicationId { get; set; }

    public string? RequestId { get; set; }

    /// <summary>The third party's opaque reference (never its name).</summary>
    public required string ThirdPartyReference { get; set; }

    public required string Status { get; set; }

    public DateOnly SentOn { get; set; }

    public DateOnly DueOn { get; set; }

    public required string State { get; set; }

    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>CO-7: a report of inconsistent published information, as filed and routed.</summary>
public sealed class InconsistencyReportRow
{
    public Guid Id { get; set; }

    public required string Reporter { get; set; }

    /// <summary>Null for a member of the public, whose identity is not kept here.</summary>
    public string? ReportingAgencyCode { get; set; }

    /// <summary>The agency whose level the report was routed by.</summary>
    public required string RoutedBy { get; set; }

    public required string Route { get; set; }

    public required string RoutedToCode { get; set; }

    public required string Description { get; set; }

    /// <summary>The publications named, as JSON: [{agencyCode, location}].</summary>
    public required string Publications { get; set; }

    public DateOnly ReportedOn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
