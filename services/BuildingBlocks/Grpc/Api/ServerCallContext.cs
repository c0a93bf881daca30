using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Http;

namespace Ogi.BuildingBlocks.Grpc;

/// <summary>
/// What a handler (and each interceptor) knows about the call it serves: who called, with which metadata,
/// until when, and how to add response headers and trailers.
/// </summary>
public abstract class ServerCallContext
{
    /// <summary>The method's full name: "/pkg.Service/Method".</summary>
    public abstract string Method { get; }

    public abstract IMethod ServiceMethod { get; }

    /// <summary>The protobuf descriptor of the method, so interceptors can read its custom options; null when bound without one.</summary>
    public abstract MethodDescriptor? MethodDescriptor { get; }

    public abstract string Host { get; }

    /// <summary>The caller's address: "ipv4:127.0.0.1:5000" / "ipv6:[::1]:5000".</summary>
    public abstract string Peer { get; }

    /// <summary>UTC time the caller stops waiting (grpc-timeout); DateTime.MaxValue when none was given.</summary>
    public abstract DateTime Deadline { get; }

    public abstract Metadata RequestHeaders { get; }

    /// <summary>Cancelled when the caller cancels, the connection drops or the deadline passes.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Trailers sent with the status at the end of the call.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The status to end with when the handler returns normally (OK unless set).</summary>
    public abstract Status Status { get; set; }

    /// <summary>Values interceptors hand to later interceptors and the handler (the authenticated caller…).</summary>
    public abstract IDictionary<object, object> UserState { get; }

    /// <summary>Sends the response headers now; at most once, and before the first message.</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);

    public abstract HttpContext GetHttpContext();
}
