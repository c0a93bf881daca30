using System.IO.Pipelines;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Ogi.BuildingBlocks.Grpc.Protocol;
using Ogi.BuildingBlocks.Grpc.Telemetry;

namespace Ogi.BuildingBlocks.Grpc.Server;

/// <summary>
/// Serves one method: checks the HTTP/2 request is a gRPC call, reads the request message(s), runs the
/// interceptor pipeline and handler, writes the response message(s) and ends with the status.
/// </summary>
internal sealed partial class ServerCallHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    MethodDescriptor? descriptor,
    Delegate handler,
    GrpcServerOptions options,
    ILogger logger)
    where TRequest : class
    where TResponse : class
{
    private readonly string _spanName = GrpcTelemetry.SpanName(method);

    public Task HandleCallAsync(HttpContext http) => RefusalOf(http) ?? ServeAsync(http);

    private async Task ServeAsync(HttpContext http)
    {
        var start = GrpcTelemetry.ServerStartTimestamp();
        var activity = GrpcTelemetry.StartServer(method, _spanName, http.Request.Headers);
        using var call = new ServerCall(http, method, descriptor, options);
        var status = Status.DefaultSuccess;
        Google.Rpc.Status? richStatus = null;
        Metadata? trailers = null;
        try
        {
            if (!GrpcCompression.IsSupported(call.RequestEncoding))
            {
                http.Response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcCompression.AcceptEncoding;
                throw new RpcException(new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding '{call.RequestEncoding}'; this server accepts {GrpcCompression.AcceptEncoding}."));
            }

            if (method.Type != MethodType.Unary)
            {
                call.DisableRequestLimits();
            }

            await RunAsync(http, call).ConfigureAwait(false);
            status = call.Status;
        }
        catch (Exception e)
        {
            (status, richStatus, trailers) = StatusOf(e, call);
        }

        await call.CompleteAsync(status, richStatus, trailers).ConfigureAwait(false);
        GrpcTelemetry.StopServer(activity, method, status.StatusCode, start);
    }

    private async Task RunAsync(HttpContext http, ServerCall call)
    {
        var reader = new MessageReader(http.Request.BodyReader, call.RequestEncoding, call.MaxReceiveMessageSize);
        switch (method.Type)
        {
            case MethodType.Unary:
                {
                    var request = await ReadSingleAsync(reader, call).ConfigureAwait(false);
                    var response = await ((UnaryServerMethod<TRequest, TResponse>)handler)(request, call).ConfigureAwait(false);
                    await call.WriteMessageAsync(response, method.ResponseMarshaller, flush: false, call.CancellationToken).ConfigureAwait(false);
                    break;
                }

            case MethodType.ClientStreaming:
                {
                    var response = await ((ClientStreamingServerMethod<TRequest, TResponse>)handler)(new RequestStream(reader, method, call), call).ConfigureAwait(false);
                    await call.WriteMessageAsync(response, method.ResponseMarshaller, flush: false, call.CancellationToken).ConfigureAwait(false);
                    break;
                }

            case MethodType.ServerStreaming:
                {
                    var request = await ReadSingleAsync(reader, call).ConfigureAwait(false);
                    await ((ServerStreamingServerMethod<TRequest, TResponse>)handler)(request, new ResponseStream(method, call), call).ConfigureAwait(false);
                    break;
                }

            default:
                await ((DuplexStreamingServerMethod<TRequest, TResponse>)handler)(new RequestStream(reader, method, call), new ResponseStream(method, call), call).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Unary and server-streaming requests carry exactly one message.</summary>
    private async ValueTask<TRequest> ReadSingleAsync(MessageReader reader, ServerCall call)
    {
        var (hasMessage, request) = await reader.ReadAsync(method.RequestMarshaller, call.CancellationToken).ConfigureAwait(false);
        if (!hasMessage)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Request has no message; this method takes exactly one."));
        }

        var (hasMore, _) = await reader.ReadAsync(method.RequestMarshaller, call.CancellationToken).ConfigureAwait(false);
        return hasMore ? throw new RpcException(new Status(StatusCode.Internal, "Request has more than one message; this method takes exactly one.")) : request;
    }

    private (Status Status, Google.Rpc.Status? Rich, Metadata? Trailers) StatusOf(Exception e, ServerCall call)
    {
        // InvalidProtocolBufferException is an IOException too, but a message that cannot be (de)serialized is no disconnect.
        if (e is OperationCanceledException or IOException && e is not Google.Protobuf.InvalidProtocolBufferException)
        {
            if (call.DeadlineExceeded)
            {
                return (new Status(StatusCode.DeadlineExceeded, "Deadline exceeded."), null, null);
            }

            if (http(call).RequestAborted.IsCancellationRequested || e is IOException)
            {
                return (new Status(StatusCode.Cancelled, "The call was cancelled by the client."), null, null);
            }
        }

        var rpc = e as RpcException ?? RefusalStatus.From(e);
        if (rpc is not null)
        {
            return (rpc.Status, rpc.RichStatus, rpc.Trailers);
        }

        LogHandlerFailed(logger, e, method.FullName);
        var detail = options.EnableDetailedErrors ? $"Exception was thrown by handler. {e.GetType().Name}: {e.Message}" : "Exception was thrown by handler.";
        return (new Status(StatusCode.Internal, detail) { DebugException = e }, null, null);

        static HttpContext http(ServerCall c) => c.GetHttpContext();
    }

    /// <summary>
    /// Refuses what is not a gRPC call before any handler runs: HTTP/1.x (426) and other content types (415).
    /// Returns the refusal being written, or null for a gRPC call.
    /// </summary>
    internal static Task? RefusalOf(HttpContext http)
    {
        if (!HttpProtocol.IsHttp2(http.Request.Protocol) && !HttpProtocol.IsHttp3(http.Request.Protocol))
        {
            return RefuseAsync(http, StatusCodes.Status426UpgradeRequired, $"Request protocol '{http.Request.Protocol}' is not supported: gRPC needs HTTP/2.");
        }

        if (!GrpcProtocol.IsGrpcContentType(http.Request.ContentType))
        {
            return RefuseAsync(http, StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{http.Request.ContentType}' is not supported: gRPC needs application/grpc.");
        }

        return null;
    }

    private static Task RefuseAsync(HttpContext http, int httpStatus, string message)
    {
        http.Response.StatusCode = httpStatus;
        if (httpStatus == StatusCodes.Status426UpgradeRequired)
        {
            http.Response.Headers.Connection = "Upgrade";
            http.Response.Headers.Upgrade = "h2c";
        }

        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers[GrpcProtocol.StatusTrailer] = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers[GrpcProtocol.MessageTrailer] = StatusEncoding.EncodeMessage(message);
        return http.Response.WriteAsync(message + "\n");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC handler of {Method} failed; the caller got INTERNAL")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string method);

    /// <summary>The request messages of a client-streaming or bidirectional call, as the handler reads them.</summary>
    private sealed class RequestStream(MessageReader reader, Method<TRequest, TResponse> method, ServerCall call) : IAsyncStreamReader<TRequest>
    {
        public TRequest Current { get; private set; } = null!;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            using var linked = cancellationToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken)
                : null;
            var (hasMessage, message) = await reader.ReadAsync(method.RequestMarshaller, linked?.Token ?? call.CancellationToken).ConfigureAwait(false);
            if (hasMessage)
            {
                Current = message;
            }

            return hasMessage;
        }
    }

    /// <summary>The response messages of a server-streaming or bidirectional call; each write is flushed as its own DATA.</summary>
    private sealed class ResponseStream(Method<TRequest, TResponse> method, ServerCall call) : IServerStreamWriter<TResponse>
    {
        public Task WriteAsync(TResponse message) => WriteAsync(message, call.CancellationToken);

        public Task WriteAsync(TResponse message, CancellationToken cancellationToken) =>
            call.WriteMessageAsync(message, method.ResponseMarshaller, flush: true, cancellationToken).AsTask();
    }
}
