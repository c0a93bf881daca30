using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Grpc.Client;
using Ogi.BuildingBlocks.Grpc.Protocol;
using Ogi.BuildingBlocks.Grpc.Telemetry;
using Ogi.Grpc.TestHost;
using Ogi.Grpc.TestHost.Echo;
using StatusCode = Ogi.BuildingBlocks.Grpc.StatusCode;

namespace Ogi.Grpc.Tests;

/// <summary>Interceptors on both sides, spans and metrics, and the protocol encodings in isolation.</summary>
public sealed class PipelineTests
{
    [Fact]
    public async Task Server_interceptors_run_in_registration_order_and_see_the_method_descriptor()
    {
        var log = new ConcurrentQueue<string>();
        await using var app = await EchoServer.StartAsync(
            configure: o => o.AddInterceptor<OuterInterceptor>().AddInterceptor<InnerInterceptor>(),
            services: s => s.AddSingleton(log));
        using var channel = GrpcChannel.ForAddress(app.Address());
        await new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest { Text = "x" });
        Assert.Equal(["outer:EchoService.Echo", "inner", "inner done", "outer done"], log);
    }

    [Fact]
    public async Task A_server_interceptor_can_refuse_the_call()
    {
        await using var app = await EchoServer.StartAsync(configure: o => o.AddInterceptor<RequireCallerInterceptor>());
        using var channel = GrpcChannel.ForAddress(app.Address());
        var client = new EchoService.EchoServiceClient(channel);
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await client.EchoAsync(new EchoRequest()));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);

        var withCaller = new EchoService.EchoServiceClient(channel.CreateCallInvoker().Intercept(new AddCallerInterceptor()));
        Assert.Equal("ok", (await withCaller.EchoAsync(new EchoRequest { Text = "ok" })).Text);
    }

    [Fact]
    public async Task Request_metadata_holds_the_callers_entries_and_no_protocol_headers()
    {
        // Kestrel names the headers it knows in canonical case (Host, User-Agent, TE, Grpc-Timeout): none is metadata.
        var log = new ConcurrentQueue<string>();
        await using var app = await EchoServer.StartAsync(
            configure: o => o.AddInterceptor<RecordMetadataInterceptor>(),
            services: s => s.AddSingleton(log));
        using var channel = GrpcChannel.ForAddress(app.Address());
        var headers = new Metadata().Add("X-Caller", "test").Add("authorization", "Bearer t").Add("grpc-previous-rpc-attempts", "1");
        await new EchoService.EchoServiceClient(channel).EchoAsync(
            new EchoRequest { Text = "x" }, headers, deadline: DateTime.UtcNow.AddMinutes(1));
        // traceparent is metadata too, present when a test running alongside listens to the client's spans.
        Assert.Equal(["authorization", "grpc-previous-rpc-attempts", "x-caller"], log.Where(k => k != "traceparent").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Metadata_keys_are_lowered_and_checked_and_text_values_must_be_printable_ascii()
    {
        Assert.Equal("x-caller", new Metadata.Entry("X-Caller", "v").Key);
        Assert.Equal("x-caller", new Metadata().Add("x-caller", "v").Get("X-CALLER")?.Key);
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("x caller", "v"));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("x-caller", "caf\u00e9"));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("x-caller", "line\nbreak"));
    }

    [Fact]
    public async Task One_trace_spans_client_and_server_with_rpc_attributes_and_durations_are_recorded()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == GrpcTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var durations = new ConcurrentQueue<string>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GrpcTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<double>((instrument, _, _, _) => durations.Enqueue(instrument.Name));
        meters.Start();

        await using var app = await EchoServer.StartAsync();
        using var channel = GrpcChannel.ForAddress(app.Address());
        var reply = await new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest { Text = "traced" });

        // Other tests run in parallel: look only at this call's trace, which the server reported back.
        var trace = spans.Where(s => s.TraceId.ToHexString() == reply.TraceId);
        await CallTests.WaitUntil(() => trace.Count() == 2);
        var client = trace.Single(s => s.Kind == ActivityKind.Client);
        var server = trace.Single(s => s.Kind == ActivityKind.Server);
        Assert.Equal(client.TraceId, server.TraceId);
        // The server span is a child of the client's, through ASP.NET Core's request activity when it exists.
        Assert.Equal(client.SpanId, server.Parent is { } request ? request.ParentSpanId : server.ParentSpanId);
        Assert.Equal("ogi.test.echo.v1.EchoService/Echo", server.OperationName);
        Assert.Equal("grpc", server.GetTagItem("rpc.system"));
        Assert.Equal("ogi.test.echo.v1.EchoService", server.GetTagItem("rpc.service"));
        Assert.Equal("Echo", server.GetTagItem("rpc.method"));
        Assert.Equal(0, server.GetTagItem("rpc.grpc.status_code"));
        Assert.DoesNotContain(server.Tags, t => t.Value?.Contains("traced", StringComparison.Ordinal) == true);
        Assert.Contains("rpc.server.duration", durations);
        Assert.Contains("rpc.client.duration", durations);
    }

    [Theory]
    [InlineData("100m", 100 * TimeSpan.TicksPerMillisecond)]
    [InlineData("2S", 2 * TimeSpan.TicksPerSecond)]
    [InlineData("1H", TimeSpan.TicksPerHour)]
    [InlineData("99999999n", 999999)]
    [InlineData("5u", 50)]
    public void Grpc_timeout_values_parse(string value, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("123456789S")]
    [InlineData("10x")]
    [InlineData("-1S")]
    public void Malformed_grpc_timeouts_are_rejected(string value) => Assert.False(GrpcTimeout.TryParse(value, out _));

    [Fact]
    public void Formatted_timeouts_have_at_most_eight_digits_and_never_shorten_the_deadline()
    {
        foreach (var timeout in new[] { TimeSpan.FromMilliseconds(1.5), TimeSpan.FromSeconds(30), TimeSpan.FromDays(3000) })
        {
            var text = GrpcTimeout.Format(timeout);
            Assert.True(text.Length <= 9);
            Assert.True(GrpcTimeout.TryParse(text, out var back));
            Assert.True(back >= timeout || timeout > TimeSpan.FromHours(99_999_999));
        }
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("申请", "%E7%94%B3%E8%AF%B7")]
    public void Grpc_message_is_percent_encoded_utf8(string message, string encoded)
    {
        Assert.Equal(encoded, StatusEncoding.EncodeMessage(message));
        Assert.Equal(message, StatusEncoding.DecodeMessage(encoded));
    }

    [Fact]
    public void A_malformed_percent_sequence_is_kept_as_it_is() => Assert.Equal("50%zz%", StatusEncoding.DecodeMessage("50%zz%"));

    public sealed class OuterInterceptor(ConcurrentQueue<string> log) : Interceptor
    {
        public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            log.Enqueue("outer:" + context.MethodDescriptor!.Service.Name + "." + context.MethodDescriptor.Name);
            var response = await continuation(request, context);
            log.Enqueue("outer done");
            return response;
        }
    }

    public sealed class InnerInterceptor(ConcurrentQueue<string> log) : Interceptor
    {
        public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            log.Enqueue("inner");
            var response = await continuation(request, context);
            log.Enqueue("inner done");
            return response;
        }
    }

    public sealed class RecordMetadataInterceptor(ConcurrentQueue<string> log) : Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            foreach (var entry in context.RequestHeaders)
            {
                log.Enqueue(entry.Key);
            }

            return continuation(request, context);
        }
    }

    public sealed class RequireCallerInterceptor : Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
            context.RequestHeaders.GetValue("x-caller") is null
                ? throw new RpcException(new Status(StatusCode.Unauthenticated, "Who is calling?"))
                : continuation(request, context);
    }

    private sealed class AddCallerInterceptor : Interceptor
    {
        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            var headers = new Metadata().Add("x-caller", "test");
            return continuation(request, context with { Options = context.Options.WithHeaders(headers) });
        }
    }
}
