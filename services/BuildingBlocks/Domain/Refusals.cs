namespace Ogi.BuildingBlocks.Domain;

/// <summary>
/// A rule of domain.md, named by its id (INT-4, SR-2, …), refuses an action.
/// The gRPC layer answers FAILED_PRECONDITION with the rule id in ErrorInfo and PreconditionFailure.
/// </summary>
public sealed class RuleViolationException(string ruleId, string message) : Exception(message)
{
    public string RuleId { get; } = ruleId;
}

/// <summary>One field of a request that cannot be accepted, by its proto field path ("applicant.id_number").</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>The request is malformed. The gRPC layer answers INVALID_ARGUMENT with BadRequest field violations.</summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException(IReadOnlyList<FieldViolation> violations)
        : base(string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}"))) => Violations = violations;

    public InvalidInputException(string field, string description)
        : this([new FieldViolation(field, description)])
    {
    }

    public IReadOnlyList<FieldViolation> Violations { get; }
}

/// <summary>The thing asked for does not exist, or the caller may not know it does. gRPC: NOT_FOUND.</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The caller's role or agency does not allow this. gRPC: PERMISSION_DENIED.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);

/// <summary>Someone else changed the aggregate first (optimistic concurrency). gRPC: ABORTED; the caller retries.</summary>
public sealed class ConcurrentChangeException(string message) : Exception(message);
