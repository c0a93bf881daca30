using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Ogi.BuildingBlocks.Grpc;

/// <summary>gRPC status codes (grpc/grpc doc/statuscodes.md); the numbers are the wire values of grpc-status.</summary>
public enum StatusCode
{
    OK = 0,
    Cancelled = 1,
    Unknown = 2,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    FailedPrecondition = 9,
    Aborted = 10,
    OutOfRange = 11,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    DataLoss = 15,
    Unauthenticated = 16,
}

/// <summary>The outcome of a call: a code and a developer-facing message (grpc-status, grpc-message).</summary>
public readonly record struct Status(StatusCode StatusCode, string Detail)
{
    public static readonly Status DefaultSuccess = new(StatusCode.OK, "");

    /// <summary>Kept on the side that raised it for logging; never sent to the peer.</summary>
    public Exception? DebugException { get; init; }

    public override string ToString() => $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\")";
}

/// <summary>
/// A call ended with a non-OK status. Carries the trailers and, when the peer sent grpc-status-details-bin,
/// the decoded <see cref="Google.Rpc.Status"/> with its typed details (BadRequest, PreconditionFailure, ErrorInfo…).
/// Thrown by a handler, it is what the server answers.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(Status status)
        : this(status, Metadata.Empty, status.Detail)
    {
    }

    public RpcException(Status status, string message)
        : this(status, Metadata.Empty, message)
    {
    }

    public RpcException(Status status, Metadata trailers)
        : this(status, trailers, status.Detail)
    {
    }

    public RpcException(Status status, Metadata trailers, string message)
        : base(message)
    {
        Status = status;
        Trailers = trailers ?? Metadata.Empty;
    }

    /// <summary>An error with rich details; the code and message come from <paramref name="richStatus"/>.</summary>
    public RpcException(Google.Rpc.Status richStatus, Metadata? trailers = null)
        : this(new Status((StatusCode)richStatus.Code, richStatus.Message), trailers ?? Metadata.Empty) =>
        RichStatus = richStatus;

    public RpcException()
        : this(new Status(StatusCode.Unknown, ""))
    {
    }

    public RpcException(string message)
        : this(new Status(StatusCode.Unknown, message))
    {
    }

    public RpcException(string message, Exception innerException)
        : base(message, innerException) => Trailers = Metadata.Empty;

    public Status Status { get; }

    public StatusCode StatusCode => Status.StatusCode;

    public Metadata Trailers { get; }

    /// <summary>The google.rpc.Status of grpc-status-details-bin, when there was one.</summary>
    public Google.Rpc.Status? RichStatus { get; internal init; }

    /// <summary>The first detail of type <typeparamref name="T"/> in <see cref="RichStatus"/>, or null.</summary>
    public T? GetDetail<T>()
        where T : class, IMessage<T>, new()
    {
        if (RichStatus is null)
        {
            return null;
        }

        var descriptor = new T().Descriptor;
        return RichStatus.Details.FirstOrDefault(a => a.Is(descriptor))?.Unpack<T>();
    }

    /// <summary>Builds the google.rpc.Status of an error with its details.</summary>
    public static Google.Rpc.Status RichStatusOf(StatusCode code, string message, params IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.AddRange(details.Select(Any.Pack));
        return status;
    }
}
