using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf;
using Google.Rpc;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Grpc;
using Ogi.Grpc.TestHost.Echo;
using Status = Ogi.BuildingBlocks.Grpc.Status;
using StatusCode = Ogi.BuildingBlocks.Grpc.StatusCode;

namespace Ogi.Grpc.TestHost;

/// <summary>What the echo service saw, for tests to assert on (cancellations reaching the handler).</summary>
public sealed class EchoObservations
{
    /// <summary>The text of each request whose delay has begun: a test cancels only once its call is inside the handler.</summary>
    public ConcurrentQueue<string> Waiting { get; } = new();

    public ConcurrentQueue<string> Cancelled { get; } = new();
}

/// <summary>The echo service: echoes metadata into response headers and trailers, and behaves as each request asks.</summary>
public sealed class EchoServiceImpl(EchoObservations observations) : EchoService.EchoServiceBase
{
    public override async Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        await BehaveAsync(request, context, nameof(Echo));
        return Answer(request, 0);
    }

    public override async Task Expand(EchoRequest request, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        for (var i = 0; i < request.Count; i++)
        {
            await BehaveAsync(WithoutFailure(request), context, nameof(Expand));
            await responseStream.WriteAsync(Answer(request, i));
        }

        await BehaveAsync(request, context, nameof(Expand));

        static EchoRequest WithoutFailure(EchoRequest r) => new(r) { Fail = "" };
    }

    public override async Task<EchoResponse> Collect(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        var texts = new List<string>();
        var size = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await BehaveAsync(request, context, nameof(Collect));
            texts.Add(request.Text);
            size += request.Payload.Length;
        }

        return new EchoResponse { Text = string.Join(',', texts), Index = size, TraceId = TraceId() };
    }

    public override async Task Chat(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        var index = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await BehaveAsync(request, context, nameof(Chat));
            await responseStream.WriteAsync(Answer(request, index++));
        }
    }

    private static EchoResponse Answer(EchoRequest request, int index) => new()
    {
        Text = request.Count > 0 ? $"{request.Text}{index}" : request.Text,
        Payload = request.ResponseSize > 0 ? ByteString.CopyFrom(new byte[request.ResponseSize]) : request.Payload,
        Index = index,
        TraceId = TraceId(),
    };

    private static string TraceId() => Activity.Current?.TraceId.ToHexString() ?? "";

    /// <summary>x-echo-* request metadata comes back in the response headers; trailers say the call is done.</summary>
    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        var headers = new Metadata();
        if (context.RequestHeaders.GetValue("x-echo-text") is { } text)
        {
            headers.Add("x-echoed-text", text);
        }

        if (context.RequestHeaders.GetValueBytes("x-echo-bin") is { } bytes)
        {
            headers.Add("x-echoed-bin", bytes);
        }

        if (headers.Count > 0)
        {
            await context.WriteResponseHeadersAsync(headers);
            context.ResponseTrailers.Add("x-trailer-text", "done");
            context.ResponseTrailers.Add("x-trailer-bin", [0, 1, 2, 255]);
        }
    }

    private async Task BehaveAsync(EchoRequest request, ServerCallContext context, string method)
    {
        if (request.DelayMs > 0)
        {
            observations.Waiting.Enqueue(request.Text);
            try
            {
                await Task.Delay(request.DelayMs, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                observations.Cancelled.Enqueue(method);
                throw;
            }
        }

        switch (request.Fail)
        {
            case "status":
                throw new RpcException(RpcException.RichStatusOf((StatusCode)request.FailCode, request.Text,
                    new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = "text", Description = request.Text } } }));
            case "rule":
                throw new RuleViolationException("TEST-1", "The test rule refuses this.");
            case "invalid":
                throw new InvalidInputException("text", "must not be what it is");
            case "not-found":
                throw new NotFoundException("No such thing.");
            case "crash":
                throw new InvalidOperationException("secret internal detail");
        }
    }
}
