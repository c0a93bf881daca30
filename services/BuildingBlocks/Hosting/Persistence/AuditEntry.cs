namespace Ogi.BuildingBlocks.Hosting.Persistence;

/// <summary>One row of a service's append-only audit trail: who did what to which aggregate, and how it ended.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The acting principal's id (person id or system client id) — never a name.</summary>
    public required string Actor { get; set; }

    /// <summary>The RPC or command, e.g. "ogi.intake.v1.IntakeService/IssueReply".</summary>
    public required string Action { get; set; }

    public required string AggregateType { get; set; }

    public required string AggregateId { get; set; }

    public required string Outcome { get; set; }

    public string? Details { get; set; }

    /// <summary>Hash of the previous row, chaining the trail so tampering shows.</summary>
    public byte[]? PreviousHash { get; set; }

    public byte[]? Hash { get; set; }
}
