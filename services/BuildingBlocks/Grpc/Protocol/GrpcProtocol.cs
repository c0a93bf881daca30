using System.Collections.Frozen;

namespace Ogi.BuildingBlocks.Grpc.Protocol;

/// <summary>Names and values fixed by gRPC over HTTP/2 (grpc/grpc doc/PROTOCOL-HTTP2.md).</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string StatusTrailer = "grpc-status";
    public const string MessageTrailer = "grpc-message";
    public const string StatusDetailsTrailer = "grpc-status-details-bin";
    public const string TeHeader = "te";

    /// <summary>gRPC-dotnet's per-call request compression key; honoured for compatibility, never sent.</summary>
    public const string RequestEncodingMetadataKey = "grpc-internal-encoding-request";

    /// <summary>Default limit on one message, both directions (what other gRPC implementations use).</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    public static readonly string UserAgent = "grpc-dotnet-ogi/" + typeof(GrpcProtocol).Assembly.GetName().Version?.ToString(3);

    /// <summary>application/grpc, optionally followed by "+proto" (or another codec) or ";parameters".</summary>
    public static bool IsGrpcContentType(string? contentType) =>
        contentType is not null
        && contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase)
        && (contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';');

    private static readonly FrozenSet<string> ProtocolHeaders = new[]
    {
        "content-type", "te", "host", "content-length", "user-agent", "accept-encoding", "connection",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Headers that are protocol, not application metadata, and so never appear in <see cref="Metadata"/>.
    /// Any case: Kestrel names the request headers it knows in their canonical case (Content-Type, TE, Grpc-Timeout).
    /// </summary>
    public static bool IsReservedHeader(string name) =>
        name.Length == 0 || name[0] == ':'
        || ProtocolHeaders.Contains(name)
        || (name.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase) && !name.Equals("grpc-previous-rpc-attempts", StringComparison.OrdinalIgnoreCase));

    /// <summary>The status a gRPC client infers from a non-200 HTTP response without grpc-status (doc/http-grpc-status-mapping.md).</summary>
    public static StatusCode StatusFromHttp(int httpStatus) => httpStatus switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };
}
