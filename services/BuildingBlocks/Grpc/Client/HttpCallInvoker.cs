namespace Ogi.BuildingBlocks.Grpc.Client;

/// <summary>Makes the calls of a <see cref="GrpcChannel"/> as HTTP/2 requests.</summary>
internal sealed class HttpCallInvoker(GrpcChannel channel) : CallInvoker
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = new ClientCall<TRequest, TResponse>(channel, method, options);
        call.Start(request);
        return new AsyncUnaryCall<TResponse>(call.ReadSingleAsync(), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = new ClientCall<TRequest, TResponse>(channel, method, options);
        call.Start(request);
        return new AsyncServerStreamingCall<TResponse>(new ResponseReader<TRequest, TResponse>(call), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var call = new ClientCall<TRequest, TResponse>(channel, method, options) { RequestStream = new StreamingContent() };
        call.Start(null);
        return new AsyncClientStreamingCall<TRequest, TResponse>(new RequestWriter<TRequest, TResponse>(call), call.ReadSingleAsync(), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var call = new ClientCall<TRequest, TResponse>(channel, method, options) { RequestStream = new StreamingContent() };
        call.Start(null);
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(new RequestWriter<TRequest, TResponse>(call), new ResponseReader<TRequest, TResponse>(call), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private sealed class ResponseReader<TRequest, TResponse>(ClientCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
        where TRequest : class
        where TResponse : class
    {
        public TResponse Current { get; private set; } = null!;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            var (hasMessage, message) = await call.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (hasMessage)
            {
                Current = message;
            }

            return hasMessage;
        }
    }

    private sealed class RequestWriter<TRequest, TResponse>(ClientCall<TRequest, TResponse> call) : IClientStreamWriter<TRequest>
        where TRequest : class
        where TResponse : class
    {
        public Task WriteAsync(TRequest message) => call.WriteAsync(message, CancellationToken.None);

        public Task WriteAsync(TRequest message, CancellationToken cancellationToken) => call.WriteAsync(message, cancellationToken);

        public Task CompleteAsync()
        {
            call.RequestStream!.Complete();
            return Task.CompletedTask;
        }
    }
}
