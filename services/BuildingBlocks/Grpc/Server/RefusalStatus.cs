using Google.Rpc;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.BuildingBlocks.Grpc.Server;

/// <summary>
/// The status a domain refusal (services/BuildingBlocks/Domain/Refusals.cs) answers with, with rich details so a
/// caller can show which field was wrong or which rule, by id, refused the action.
/// </summary>
internal static class RefusalStatus
{
    /// <summary>ErrorInfo.domain of every refusal the platform itself makes.</summary>
    public const string ErrorDomain = "ogi";

    public static RpcException? From(Exception exception) => exception switch
    {
        RuleViolationException rule => new RpcException(RpcException.RichStatusOf(
            StatusCode.FailedPrecondition, rule.Message,
            new ErrorInfo { Type = rule.RuleId, Domain = ErrorDomain },
            new PreconditionFailure { Violations = { new PreconditionFailure.Types.Violation { Type = rule.RuleId, Description = rule.Message } } })),
        InvalidInputException invalid => new RpcException(RpcException.RichStatusOf(
            StatusCode.InvalidArgument, invalid.Message,
            new BadRequest
            {
                FieldViolations = { invalid.Violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }) },
            })),
        NotFoundException notFound => new RpcException(new Status(StatusCode.NotFound, notFound.Message)),
        AccessDeniedException denied => new RpcException(new Status(StatusCode.PermissionDenied, denied.Message)),
        ConcurrentChangeException concurrent => new RpcException(new Status(StatusCode.Aborted, concurrent.Message)),
        _ => null,
    };
}
