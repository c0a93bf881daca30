using System.Globalization;
using System.Net;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Ogi.BuildingBlocks.Grpc.Protocol;

namespace Ogi.BuildingBlocks.Grpc.Server;

/// <summary>
/// One call on the server: its context for the handler, the response headers, the messages written, and
/// the status at the end — in the trailers, or alone in the headers (Trailers-Only) when no message was
/// written. Writes are serialised because a passing deadline may end the call while the handler still runs.
/// </summary>
internal sealed class ServerCall : ServerCallContext, IDisposable
{
    private readonly HttpContext _http;
    private readonly GrpcServerOptions _options;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource? _deadlineSource;
    private readonly CancellationTokenRegistration _deadlineRegistration;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private Dictionary<object, object>? _userState;
    private bool _headersWritten;
    private bool _bodyWritten;
    private bool _completed;

    public ServerCall(HttpContext http, IMethod method, MethodDescriptor? descriptor, GrpcServerOptions options)
    {
        _http = http;
        _options = options;
        ServiceMethod = method;
        MethodDescriptor = descriptor;
        // The typed properties: Kestrel keeps these known headers in fields, where a lookup by name compares strings.
        var headers = http.Request.Headers;
        RequestEncoding = headers.GrpcEncoding.ToString() is { Length: > 0 } e ? e : null;
        ResponseEncoding = ChooseResponseEncoding(headers.GrpcAcceptEncoding.ToString());
        if (GrpcTimeout.TryParse(headers.GrpcTimeout.ToString(), out var timeout))
        {
            // grpc-timeout: cancel the handler when the caller stops waiting, and answer DEADLINE_EXCEEDED.
            Deadline = DateTime.UtcNow + timeout;
            _deadlineSource = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            _deadlineSource.CancelAfter(timeout > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : timeout);
            _deadlineRegistration = _deadlineSource.Token.Register(static state => ((ServerCall)state!).OnDeadlineOrAbort(), this);
            CancellationToken = _deadlineSource.Token;
        }
        else
        {
            Deadline = DateTime.MaxValue;
            CancellationToken = http.RequestAborted;
        }
    }

    public string? RequestEncoding { get; }

    /// <summary>The compression of response messages: gzip when configured or when the request used it, and the caller accepts it.</summary>
    public string? ResponseEncoding { get; }

    // The deadline timer fired, not the caller: the timer's clock may run a little ahead of DateTime.UtcNow, so the
    // handler's cancellation is not checked against Deadline (that race answered INTERNAL instead of DEADLINE_EXCEEDED).
    public bool DeadlineExceeded => _deadlineSource is { IsCancellationRequested: true } && !_http.RequestAborted.IsCancellationRequested;

    public override string Method => ServiceMethod.FullName;

    public override IMethod ServiceMethod { get; }

    public override MethodDescriptor? MethodDescriptor { get; }

    public override string Host => _http.Request.Host.Value ?? "";

    public override string Peer => _http.Connection.RemoteIpAddress is { } ip
        ? (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"ipv6:[{ip}]:" : $"ipv4:{ip}:") + _http.Connection.RemotePort.ToString(CultureInfo.InvariantCulture)
        : "unknown";

    public override DateTime Deadline { get; }

    public override Metadata RequestHeaders => _requestHeaders ??= MetadataHeaders.FromRequest(_http.Request.Headers);

    public override CancellationToken CancellationToken { get; }

    public override Metadata ResponseTrailers => _responseTrailers ??= [];

    public override Status Status { get; set; } = Status.DefaultSuccess;

    public override IDictionary<object, object> UserState => _userState ??= [];

    public int MaxReceiveMessageSize => _options.MaxReceiveMessageSize;

    public override HttpContext GetHttpContext() => _http;

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        await _writeLock.WaitAsync(CancellationToken).ConfigureAwait(false);
        try
        {
            if (_headersWritten || _completed)
            {
                throw new InvalidOperationException("Response headers can only be written once, before the first message.");
            }

            PrepareHeaders(responseHeaders);
            await _http.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Writes one response message; flushes unless it is the single message of a unary response (sent with the trailers).</summary>
    public ValueTask WriteMessageAsync<T>(T message, Marshaller<T> marshaller, bool flush, CancellationToken cancellationToken)
    {
        // A unary response's message with nobody else writing (the usual case) needs no asynchronous wait.
        if (!flush && !cancellationToken.IsCancellationRequested && _writeLock.Wait(0))
        {
            try
            {
                WriteLocked(message, marshaller);
                return ValueTask.CompletedTask;
            }
            catch (Exception e)
            {
                return ValueTask.FromException(e);
            }
            finally
            {
                _writeLock.Release();
            }
        }

        return WriteMessageWaitingAsync(message, marshaller, flush, cancellationToken);
    }

    private async ValueTask WriteMessageWaitingAsync<T>(T message, Marshaller<T> marshaller, bool flush, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            WriteLocked(message, marshaller);
            if (flush)
            {
                await _http.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void WriteLocked<T>(T message, Marshaller<T> marshaller)
    {
        if (_completed)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, "The call has already ended."));
        }

        if (!_headersWritten)
        {
            PrepareHeaders(null);
        }

        MessageWriter.Write(_http.Response.BodyWriter, message, marshaller, ResponseEncoding, _options.MaxSendMessageSize);
        _bodyWritten = true;
    }

    /// <summary>Ends the call with a status. Without any message written, this is a Trailers-Only response.</summary>
    public ValueTask CompleteAsync(Status status, Google.Rpc.Status? richStatus, Metadata? extraTrailers)
    {
        if (_writeLock.Wait(0))
        {
            try
            {
                CompleteLocked(status, richStatus, extraTrailers);
                return ValueTask.CompletedTask;
            }
            catch (Exception e)
            {
                return ValueTask.FromException(e);
            }
            finally
            {
                _writeLock.Release();
            }
        }

        return CompleteWaitingAsync(status, richStatus, extraTrailers);
    }

    private async ValueTask CompleteWaitingAsync(Status status, Google.Rpc.Status? richStatus, Metadata? extraTrailers)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            CompleteLocked(status, richStatus, extraTrailers);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void CompleteLocked(Status status, Google.Rpc.Status? richStatus, Metadata? extraTrailers)
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        if (_http.RequestAborted.IsCancellationRequested)
        {
            return; // The stream is gone (client cancelled or reset): nothing can be sent.
        }

        var trailersOnly = !_bodyWritten && !_http.Response.HasStarted;
        if (trailersOnly && !_headersWritten)
        {
            PrepareHeaders(null);
        }

        var target = trailersOnly ? _http.Response.Headers : null;
        Append(target, GrpcProtocol.StatusTrailer, ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(status.Detail))
        {
            Append(target, GrpcProtocol.MessageTrailer, StatusEncoding.EncodeMessage(status.Detail));
        }

        if (richStatus is not null)
        {
            Append(target, GrpcProtocol.StatusDetailsTrailer, MetadataHeaders.ToBase64(richStatus.ToByteArray()));
        }

        AppendAll(target, _responseTrailers);
        AppendAll(target, extraTrailers);
    }

    public void Dispose()
    {
        _deadlineRegistration.Dispose();
        _deadlineSource?.Dispose();
    }

    private void AppendAll(IHeaderDictionary? headers, Metadata? trailers)
    {
        if (trailers is null)
        {
            return;
        }

        foreach (var entry in trailers)
        {
            Append(headers, entry.Key, entry.IsBinary ? MetadataHeaders.ToBase64(entry.ValueBytes) : entry.Value);
        }
    }

    private void Append(IHeaderDictionary? headers, string name, string value)
    {
        if (headers is not null)
        {
            headers.Append(name, value);
        }
        else
        {
            _http.Response.AppendTrailer(name, value);
        }
    }

    private void PrepareHeaders(Metadata? custom)
    {
        _headersWritten = true;
        var response = _http.Response;
        response.StatusCode = (int)HttpStatusCode.OK;
        response.ContentType = GrpcProtocol.ContentType;
        if (ResponseEncoding is not null)
        {
            response.Headers.GrpcEncoding = ResponseEncoding;
        }

        response.Headers.GrpcAcceptEncoding = GrpcCompression.AcceptEncoding;
        if (custom is not null)
        {
            MetadataHeaders.WriteTo(custom, response.Headers);
        }
    }

    private string? ChooseResponseEncoding(string acceptEncoding)
    {
        var wanted = _options.ResponseCompressionAlgorithm ?? (RequestEncoding == GrpcCompression.Gzip ? GrpcCompression.Gzip : null);
        return wanted is not null && GrpcCompression.Accepts(acceptEncoding, wanted) ? wanted : null;
    }

    /// <summary>The deadline passed: answer DEADLINE_EXCEEDED now, even if the handler has not noticed yet.</summary>
    private void OnDeadlineOrAbort()
    {
        if (DeadlineExceeded)
        {
            _ = EndAtDeadlineAsync();
        }
    }

    private async Task EndAtDeadlineAsync()
    {
        await CompleteAsync(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded."), null, null).ConfigureAwait(false);
        // Ends the response now (the handler's later writes are refused), then resets the request side if still open.
        try
        {
            await _http.Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or ObjectDisposedException)
        {
            // The request already finished on its own.
        }
    }

    internal void DisableRequestLimits()
    {
        // A gRPC request body is a stream of messages, bounded per message, not in total, and may idle between messages.
        if (_http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        if (_http.Features.Get<Microsoft.AspNetCore.Server.Kestrel.Core.Features.IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }
    }
}
