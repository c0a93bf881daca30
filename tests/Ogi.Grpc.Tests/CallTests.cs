using Google.Protobuf;
using Google.Rpc;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Grpc.Client;
using Ogi.Grpc.TestHost.Echo;
using Status = Ogi.BuildingBlocks.Grpc.Status;
using StatusCode = Ogi.BuildingBlocks.Grpc.StatusCode;

namespace Ogi.Grpc.Tests;

/// <summary>Our client against our server over a real loopback HTTP/2 connection: the four kinds of call, metadata, statuses.</summary>
public sealed class CallTests(EchoFixture echo) : IClassFixture<EchoFixture>
{
    private EchoService.EchoServiceClient Client => echo.Client;

    [Fact]
    public async Task Unary_call_returns_the_response_and_an_ok_status()
    {
        using var call = Client.EchoAsync(new EchoRequest { Text = "你好", Payload = ByteString.CopyFrom(1, 2, 3) });
        var reply = await call;
        Assert.Equal("你好", reply.Text);
        Assert.Equal(new byte[] { 1, 2, 3 }, reply.Payload.ToByteArray());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Server_streaming_delivers_every_message_in_order()
    {
        using var call = Client.Expand(new EchoRequest { Text = "m", Count = 50 });
        var texts = new List<string>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
        {
            texts.Add(reply.Text);
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"m{i}"), texts);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Client_streaming_receives_all_requests_before_answering()
    {
        using var call = Client.Collect();
        foreach (var text in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text, Payload = ByteString.CopyFrom(new byte[1000]) });
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call;
        Assert.Equal("a,b,c", reply.Text);
        Assert.Equal(3000, reply.Index);
    }

    [Fact]
    public async Task Bidirectional_streaming_answers_each_message_before_the_next_is_sent()
    {
        using var call = Client.Chat();
        for (var i = 0; i < 20; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = $"ping{i}" });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal($"ping{i}", call.ResponseStream.Current.Text);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Text_and_binary_metadata_travel_both_ways()
    {
        var binary = new byte[] { 0, 1, 2, 250, 255 };
        using var call = Client.EchoAsync(new EchoRequest { Text = "x" }, new Metadata().Add("x-echo-text", "hello").Add("x-echo-bin", binary));
        var headers = await call.ResponseHeadersAsync;
        await call;
        Assert.Equal("hello", headers.GetValue("x-echoed-text"));
        Assert.Equal(binary, headers.GetValueBytes("x-echoed-bin"));
        Assert.Equal("done", call.GetTrailers().GetValue("x-trailer-text"));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, call.GetTrailers().GetValueBytes("x-trailer-bin"));
    }

    [Theory]
    [InlineData("AAEC+v8")] // unpadded
    [InlineData("AAEC+v8=")] // padded
    public async Task Binary_metadata_is_accepted_padded_or_not(string base64)
    {
        using var raw = new RawHttp2();
        var response = await raw.PostAsync(echo.Address, "/ogi.test.echo.v1.EchoService/Echo", RawHttp2.Frame(new EchoRequest { Text = "x" }),
            headers: h => h.TryAddWithoutValidation("x-echo-bin", base64));
        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal(Convert.ToBase64String([0, 1, 2, 250, 255]).TrimEnd('='), response.Headers["x-echoed-bin"]);
    }

    [Fact]
    public async Task Rich_status_details_round_trip_with_a_unicode_message()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.EchoAsync(new EchoRequest { Fail = "status", FailCode = (int)StatusCode.OutOfRange, Text = "超出范围 100%" }));
        Assert.Equal(StatusCode.OutOfRange, error.StatusCode);
        Assert.Equal("超出范围 100%", error.Status.Detail);
        Assert.Equal("超出范围 100%", error.GetDetail<BadRequest>()!.FieldViolations.Single().Description);
        Assert.Equal("text", error.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task A_domain_rule_refusal_is_failed_precondition_with_the_rule_id()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.EchoAsync(new EchoRequest { Fail = "rule" }));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("TEST-1", error.GetDetail<ErrorInfo>()!.Type);
        Assert.Equal("ogi", error.GetDetail<ErrorInfo>()!.Domain);
        Assert.Equal("TEST-1", error.GetDetail<PreconditionFailure>()!.Violations.Single().Type);
    }

    [Fact]
    public async Task Invalid_input_is_invalid_argument_naming_the_field()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.EchoAsync(new EchoRequest { Fail = "invalid" }));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("text", error.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task Not_found_refusal_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.EchoAsync(new EchoRequest { Fail = "not-found" }));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task A_handler_exception_is_internal_without_its_message()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.EchoAsync(new EchoRequest { Fail = "crash" }));
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain("secret", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_before_any_message_is_a_trailers_only_response()
    {
        using var raw = new RawHttp2();
        var response = await raw.PostAsync(echo.Address, "/ogi.test.echo.v1.EchoService/Echo", RawHttp2.Frame(new EchoRequest { Fail = "not-found" }));
        Assert.True(response.IsTrailersOnly);
        Assert.Equal("5", response.GrpcStatus);
        Assert.Equal("application/grpc", response.Headers.GetValueOrDefault("content-type") ?? "application/grpc");
    }

    [Fact]
    public async Task An_error_after_messages_comes_in_the_trailers_after_them()
    {
        using var call = Client.Expand(new EchoRequest { Text = "m", Count = 3, Fail = "not-found" });
        var received = 0;
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
                received++;
            }
        });
        Assert.Equal(3, received);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Deadline_cancels_the_handler_and_answers_deadline_exceeded()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.EchoAsync(new EchoRequest { DelayMs = 10_000 }, deadline: DateTime.UtcNow.AddSeconds(1)));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await WaitUntil(() => echo.Observations.Cancelled.Contains("Echo"));
    }

    [Fact]
    public async Task Server_answers_deadline_exceeded_itself_when_the_client_waits_longer()
    {
        using var raw = new RawHttp2();
        var started = DateTime.UtcNow;
        var response = await raw.PostAsync(echo.Address, "/ogi.test.echo.v1.EchoService/Echo", RawHttp2.Frame(new EchoRequest { DelayMs = 10_000 }),
            headers: h => h.TryAddWithoutValidation("grpc-timeout", "200m"));
        Assert.Equal("4", response.GrpcStatus);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Client_cancellation_reaches_the_handler()
    {
        // Cancel only once the handler is waiting: a fixed timer can fire before a loaded machine has sent the call at all.
        var marker = Guid.NewGuid().ToString("N");
        using var cancel = new CancellationTokenSource();
        using var call = Client.Expand(new EchoRequest { Text = marker, Count = 1, DelayMs = 10_000 }, cancellationToken: cancel.Token);
        var reading = call.ResponseStream.MoveNext(CancellationToken.None);
        await WaitUntil(() => echo.Observations.Waiting.Contains(marker));
        await cancel.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => reading);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await WaitUntil(() => echo.Observations.Cancelled.Contains("Expand"));
        await echo.AssertStillServingAsync();
    }

    [Fact]
    public async Task Gzip_requests_are_answered_with_gzip()
    {
        using var channel = GrpcChannel.ForAddress(echo.Address, new GrpcChannelOptions { RequestCompression = "gzip" });
        var client = new EchoService.EchoServiceClient(channel);
        var payload = ByteString.CopyFrom(Enumerable.Repeat((byte)'z', 100_000).ToArray());
        var reply = await client.EchoAsync(new EchoRequest { Payload = payload });
        Assert.Equal(payload, reply.Payload);

        using var raw = new RawHttp2();
        var compressed = Ogi.BuildingBlocks.Grpc.Protocol.GrpcCompression.Compress(new EchoRequest { Payload = payload }.ToByteArray());
        var response = await raw.PostAsync(echo.Address, "/ogi.test.echo.v1.EchoService/Echo", RawHttp2.Frame(compressed, flag: 1),
            headers: h =>
            {
                h.TryAddWithoutValidation("grpc-encoding", "gzip");
                h.TryAddWithoutValidation("grpc-accept-encoding", "gzip");
            });
        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal("gzip", response.Headers["grpc-encoding"]);
        Assert.Equal(1, response.Body[0]); // the response message is flagged compressed
        Assert.True(response.Body.Length < 10_000);
    }

    [Fact]
    public async Task An_unsupported_encoding_is_unimplemented_listing_what_is_accepted()
    {
        using var raw = new RawHttp2();
        var response = await raw.PostAsync(echo.Address, "/ogi.test.echo.v1.EchoService/Echo", RawHttp2.Frame(new EchoRequest(), flag: 1),
            headers: h => h.TryAddWithoutValidation("grpc-encoding", "snappy"));
        Assert.Equal("12", response.GrpcStatus);
        Assert.Contains("gzip", response.Headers["grpc-accept-encoding"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_up_to_the_limit_pass_and_larger_ones_are_resource_exhausted()
    {
        var nearLimit = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) - 100]);
        var reply = await Client.EchoAsync(new EchoRequest { Payload = nearLimit });
        Assert.Equal(nearLimit.Length, reply.Payload.Length);

        var tooBig = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.EchoAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) + 1]) }));
        Assert.Equal(StatusCode.ResourceExhausted, tooBig.StatusCode);

        var tooBigResponse = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.EchoAsync(new EchoRequest { ResponseSize = (4 * 1024 * 1024) + 1 }));
        Assert.Equal(StatusCode.ResourceExhausted, tooBigResponse.StatusCode);
        await echo.AssertStillServingAsync();
    }

    [Fact]
    public async Task A_deadline_already_past_fails_without_calling()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.EchoAsync(new EchoRequest(), deadline: DateTime.UtcNow.AddSeconds(-1)));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task No_server_listening_is_unavailable()
    {
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");
        var error = await Assert.ThrowsAsync<RpcException>(async () => await new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest()));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}
