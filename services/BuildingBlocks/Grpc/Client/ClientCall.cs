using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Ogi.BuildingBlocks.Grpc.Protocol;
using Ogi.BuildingBlocks.Grpc.Telemetry;

namespace Ogi.BuildingBlocks.Grpc.Client;

/// <summary>
/// One call from the client: sends the request headers and message(s), reads the response message(s), and
/// takes the status from the trailers — or from the headers for a Trailers-Only response, or from the HTTP
/// status / the stream error when the peer did not answer in gRPC. Dispose (or a deadline) resets the stream.
/// </summary>
internal sealed class ClientCall<TRequest, TResponse> : IDisposable
    where TRequest : class
    where TResponse : class
{
    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cancellation;
    private readonly DateTime? _deadline;
    private readonly string? _requestEncoding;
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly Activity? _activity;
    private readonly Lock _gate = new();
    private Task<HttpResponseMessage>? _response;
    private MessageReader? _reader;
    private Status? _status;
    private Metadata _trailers = Metadata.Empty;
    private Google.Rpc.Status? _richStatus;
    private volatile bool _disposed;

    public ClientCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _deadline = options.Deadline;
        _requestEncoding = options.Headers?.GetValue(GrpcProtocol.RequestEncodingMetadataKey) ?? channel.Options.RequestCompression;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        _activity = GrpcTelemetry.StartClient(method);
    }

    /// <summary>The response headers (empty for a Trailers-Only response); set by <see cref="Start"/>.</summary>
    public Task<Metadata> ResponseHeadersAsync { get; private set; } = null!;

    /// <summary>Starts the HTTP/2 request with a body that is either one message or a stream the caller writes.</summary>
    public void Start(TRequest? request)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_channel.Address, _method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = request is null ? RequestStream : new MessageContent(Frame(request)),
        };
        message.Content!.Headers.ContentType = ContentTypeHeader;
        var headers = message.Headers;
        headers.TE.Add(TrailersTe);
        headers.TryAddWithoutValidation("user-agent", GrpcProtocol.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcCompression.AcceptEncoding);
        if (_requestEncoding is not null)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, _requestEncoding);
        }

        if (_deadline is { } deadline)
        {
            var timeout = deadline.ToUniversalTime() - DateTime.UtcNow;
            if (timeout <= TimeSpan.Zero)
            {
                // Already past: fail without sending, as other gRPC clients do.
                Finish(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded before the call started."));
                _response = Task.FromException<HttpResponseMessage>(Failure());
                ResponseHeadersAsync = ReadHeadersAsync(_response);
                return;
            }

            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(timeout));
            _cancellation.CancelAfter(timeout);
        }

        if (_options.Headers is { } metadata)
        {
            MetadataHeaders.WriteTo(metadata, headers);
        }

        // W3C trace context travels as call metadata: the server continues this span's trace.
        if ((_activity ?? Activity.Current) is { IdFormat: ActivityIdFormat.W3C } span && metadata_lacks_traceparent(_options.Headers))
        {
            headers.TryAddWithoutValidation("traceparent", span.Id);
            if (span.TraceStateString is { Length: > 0 } state)
            {
                headers.TryAddWithoutValidation("tracestate", state);
            }
        }

        _response = SendAsync(message);
        ResponseHeadersAsync = ReadHeadersAsync(_response);

        static bool metadata_lacks_traceparent(Metadata? m) => m?.Get("traceparent") is null;
    }

    /// <summary>The request body of streaming calls; null for unary and server-streaming calls.</summary>
    public StreamingContent? RequestStream { get; init; }

    public Status GetStatus()
    {
        lock (_gate)
        {
            return _status ?? throw new InvalidOperationException("The call has not finished yet.");
        }
    }

    public Metadata GetTrailers()
    {
        lock (_gate)
        {
            return _status is null ? throw new InvalidOperationException("The call has not finished yet.") : _trailers;
        }
    }

    /// <summary>A unary response: exactly one message, then an OK status.</summary>
    public async Task<TResponse> ReadSingleAsync()
    {
        var (hasMessage, message) = await ReadAsync(CancellationToken.None).ConfigureAwait(false);
        if (!hasMessage)
        {
            Finish(new Status(StatusCode.Internal, "The server ended the call with OK but without a response message."));
            throw Failure();
        }

        var (hasMore, _) = await ReadAsync(CancellationToken.None).ConfigureAwait(false);
        if (hasMore)
        {
            Finish(new Status(StatusCode.Internal, "The server sent more than one response message for a single-response method."));
            _cancellation.Cancel();
            throw Failure();
        }

        return message;
    }

    /// <summary>The next response message; false after the last, when the status is OK; an RpcException otherwise.</summary>
    public async Task<(bool HasMessage, TResponse Message)> ReadAsync(CancellationToken cancellationToken)
    {
        var response = await _response!.ConfigureAwait(false);
        if (IsFinished)
        {
            return _status!.Value.StatusCode == StatusCode.OK ? (false, default!) : throw Failure();
        }

        try
        {
            if (_reader is null)
            {
                var stream = await response.Content.ReadAsStreamAsync(_cancellation.Token).ConfigureAwait(false);
                var encoding = response.Headers.TryGetValues(GrpcProtocol.EncodingHeader, out var values) ? values.FirstOrDefault() : null;
                if (!GrpcCompression.IsSupported(encoding))
                {
                    throw new RpcException(new Status(StatusCode.Internal, $"The server compressed with unsupported grpc-encoding '{encoding}'."));
                }

                _reader = new MessageReader(PipeReader.Create(stream), encoding, _channel.Options.MaxReceiveMessageSize);
            }

            using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancellation.Token) : null;
            var result = await _reader.ReadAsync(_method.ResponseMarshaller, linked?.Token ?? _cancellation.Token).ConfigureAwait(false);
            if (result.HasMessage)
            {
                return result;
            }

            // End of the body: the trailers are there now, with the status.
            FinishFrom(response.TrailingHeaders);
            return _status!.Value.StatusCode == StatusCode.OK ? (false, default!) : throw Failure();
        }
        catch (Exception e) when (e is not RpcException || !IsFinished)
        {
            Finish(StatusOf(e));
            _cancellation.Cancel();
            throw Failure();
        }
    }

    public void Dispose()
    {
        _disposed = true;

        // Ending a call that has not finished resets its stream: the server sees the cancellation.
        if (!IsFinished)
        {
            Finish(new Status(StatusCode.Cancelled, "The call was disposed."));
        }

        _cancellation.Cancel();
        RequestStream?.Abort();
        if (_response is { IsCompletedSuccessfully: true } done)
        {
            done.Result.Dispose();
        }
    }

    private bool IsFinished
    {
        get
        {
            lock (_gate)
            {
                return _status is not null;
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        HttpResponseMessage response;
        try
        {
            response = await _channel.Invoker.SendAsync(request, _cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Finish(StatusOf(e));
            throw Failure();
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            // Not a gRPC answer (a proxy, a 404 page…): grpc-status if the server gave one, else the HTTP status mapped.
            FinishFrom(response.Headers, GrpcProtocol.StatusFromHttp((int)response.StatusCode), $"HTTP status {(int)response.StatusCode} from the server.");
        }
        else if (response.Headers.Contains(GrpcProtocol.StatusTrailer))
        {
            FinishFrom(response.Headers); // Trailers-Only: the status is in the headers, there is no body.
        }
        else if (!GrpcProtocol.IsGrpcContentType(response.Content.Headers.ContentType?.MediaType))
        {
            Finish(new Status(StatusCode.Unknown, $"The response content-type '{response.Content.Headers.ContentType}' is not application/grpc."));
        }

        return response;
    }

    private static async Task<Metadata> ReadHeadersAsync(Task<HttpResponseMessage> response)
    {
        var message = await response.ConfigureAwait(false);
        return message.Headers.Contains(GrpcProtocol.StatusTrailer) ? [] : MetadataHeaders.FromResponse(message.Headers);
    }

    private byte[] Frame(TRequest message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        MessageWriter.Write(buffer, message, _method.RequestMarshaller, _requestEncoding, _channel.Options.MaxSendMessageSize);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes one request message on the request stream of a streaming call.</summary>
    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        if (IsFinished)
        {
            throw Failure();
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancellation.Token);
        try
        {
            await RequestStream!.WriteAsync(Frame(message), linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not RpcException and not InvalidOperationException)
        {
            if (!IsFinished)
            {
                Finish(StatusOf(e));
            }

            throw Failure();
        }
    }

    private void FinishFrom(HttpHeaders headers, StatusCode fallback = StatusCode.Internal, string fallbackMessage = "The server sent no grpc-status.")
    {
        var code = fallback;
        var message = fallbackMessage;
        if (Header(headers, GrpcProtocol.StatusTrailer) is { } statusValue && StatusEncoding.TryParseStatusCode(statusValue, out code))
        {
            message = StatusEncoding.DecodeMessage(Header(headers, GrpcProtocol.MessageTrailer));
        }
        else
        {
            code = fallback;
        }

        Google.Rpc.Status? rich = null;
        if (Header(headers, GrpcProtocol.StatusDetailsTrailer) is { } details)
        {
            try
            {
                rich = Google.Rpc.Status.Parser.ParseFrom(MetadataHeaders.FromBase64(details));
            }
            catch (Exception e) when (e is FormatException or Google.Protobuf.InvalidProtocolBufferException)
            {
                // Undecodable details do not change the status itself.
            }
        }

        Finish(new Status(code, message), MetadataHeaders.FromResponse(headers), rich);
    }

    private static string? Header(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private void Finish(Status status, Metadata? trailers = null, Google.Rpc.Status? richStatus = null)
    {
        lock (_gate)
        {
            if (_status is not null)
            {
                return;
            }

            _status = status;
            _trailers = trailers ?? Metadata.Empty;
            _richStatus = richStatus;
        }

        GrpcTelemetry.StopClient(_activity, _method, status.StatusCode, _start);
    }

    private RpcException Failure()
    {
        lock (_gate)
        {
            return new RpcException(_status!.Value, _trailers) { RichStatus = _richStatus };
        }
    }

    /// <summary>Why the transport failed, as a status: deadline, cancellation, a reset stream, or no connection.</summary>
    private Status StatusOf(Exception e)
    {
        if (e is RpcException rpc)
        {
            return rpc.Status;
        }

        // Our own token fires only at the deadline (the timer may run a hair early) or on Dispose.
        if (_deadline is not null && _cancellation.IsCancellationRequested && !_disposed && !_options.CancellationToken.IsCancellationRequested)
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.") { DebugException = e };
        }

        if (e is OperationCanceledException)
        {
            return new Status(StatusCode.Cancelled, "The call was cancelled.") { DebugException = e };
        }

        var protocolError = e as HttpProtocolException ?? e.InnerException as HttpProtocolException;
        if (protocolError is not null)
        {
            // RST_STREAM error codes as PROTOCOL-HTTP2.md maps them.
            var code = protocolError.ErrorCode switch
            {
                0x7 => StatusCode.Unavailable,
                0x8 => StatusCode.Cancelled,
                0xb => StatusCode.ResourceExhausted,
                0xc => StatusCode.PermissionDenied,
                _ => StatusCode.Internal,
            };
            return new Status(code, $"The HTTP/2 stream was reset (error code {protocolError.ErrorCode}).") { DebugException = e };
        }

        return new Status(StatusCode.Unavailable, $"Error connecting to {_channel.Address}: {e.Message}") { DebugException = e };
    }

    private static readonly MediaTypeHeaderValue ContentTypeHeader = new(GrpcProtocol.ContentType);
    private static readonly TransferCodingWithQualityHeaderValue TrailersTe = new("trailers");

    /// <summary>The body of a unary or server-streaming request: one framed message, no content-length.</summary>
    private sealed class MessageContent(byte[] frame) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(frame).AsTask();

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            stream.WriteAsync(frame, cancellationToken).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = frame.Length;
            return true;
        }
    }
}

/// <summary>The body of a client-streaming or bidirectional request: stays open while the caller writes, ends on complete.</summary>
internal sealed class StreamingContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _completeRequested;

    public async Task WriteAsync(byte[] frame, CancellationToken cancellationToken)
    {
        if (_completeRequested)
        {
            throw new InvalidOperationException("The request stream is already complete.");
        }

        var stream = await _stream.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Half-close: ends the request body (END_STREAM); the response may continue.</summary>
    public void Complete()
    {
        _completeRequested = true;
        _completed.TrySetResult();
    }

    public void Abort()
    {
        _stream.TrySetCanceled();
        _completed.TrySetCanceled();
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        // Flushing at once sends the request HEADERS before the first message, so the server can answer first.
        await stream.FlushAsync().ConfigureAwait(false);
        _stream.TrySetResult(stream);
        await _completed.Task.ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
