using System.Diagnostics;
using Google.Protobuf;
using Google.Rpc;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Grpc.Client;
using Ogi.Grpc.TestHost.Echo;
using StatusCode = Ogi.BuildingBlocks.Grpc.StatusCode;

namespace Ogi.Grpc.Tests;

/// <summary>A grpc-js echo server (tests/interop/echo-server.mjs, gzip responses on) run under node.</summary>
public sealed class GrpcJsServerFixture : IAsyncLifetime
{
    private Process? _node;

    public GrpcChannel Channel { get; private set; } = null!;

    public EchoService.EchoServiceClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Microservices.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("Microservices.sln not found above the test binaries.");
        }

        var interop = Path.Combine(root.FullName, "tests", "interop");
        if (!Directory.Exists(Path.Combine(interop, "node_modules", "@grpc", "grpc-js")))
        {
            throw new InvalidOperationException("tests/interop has no node_modules: run `make deps` (npm ci) first.");
        }

        var start = new ProcessStartInfo("node", "echo-server.mjs")
        {
            WorkingDirectory = interop,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            Environment = { ["OGI_GZIP"] = "1" },
        };
        _node = Process.Start(start)!;
        var line = await _node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var address = line?.StartsWith("listening ", StringComparison.Ordinal) == true
            ? line["listening ".Length..]
            : throw new InvalidOperationException("grpc-js server did not start: " + line);
        Channel = GrpcChannel.ForAddress("http://" + address);
        Client = new EchoService.EchoServiceClient(Channel);
    }

    public Task DisposeAsync()
    {
        Channel.Dispose();
        if (_node is { HasExited: false })
        {
            _node.Kill();
        }

        _node?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Our client against an independent implementation: every behaviour our own server is tested for.</summary>
public sealed class GrpcJsServerTests(GrpcJsServerFixture js) : IClassFixture<GrpcJsServerFixture>
{
    private EchoService.EchoServiceClient Client => js.Client;

    [Fact]
    public async Task Unary() => Assert.Equal("政务公开", (await Client.EchoAsync(new EchoRequest { Text = "政务公开" })).Text);

    [Fact]
    public async Task Server_streaming()
    {
        using var call = Client.Expand(new EchoRequest { Text = "m", Count = 20 });
        var texts = new List<string>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
        {
            texts.Add(reply.Text);
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"m{i}"), texts);
    }

    [Fact]
    public async Task Client_streaming()
    {
        using var call = Client.Collect();
        foreach (var text in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text, Payload = ByteString.CopyFrom(new byte[10]) });
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call;
        Assert.Equal("a,b,c", reply.Text);
        Assert.Equal(30, reply.Index);
    }

    [Fact]
    public async Task Bidirectional_ping_pong()
    {
        using var call = Client.Chat();
        for (var i = 0; i < 10; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = $"ping{i}" });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal($"ping{i}", call.ResponseStream.Current.Text);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task Metadata_text_and_binary_both_ways()
    {
        using var call = Client.EchoAsync(new EchoRequest { Text = "x" }, new Metadata().Add("x-echo-text", "hello").Add("x-echo-bin", [0, 1, 2, 250, 255]));
        var headers = await call.ResponseHeadersAsync;
        await call;
        Assert.Equal("hello", headers.GetValue("x-echoed-text"));
        Assert.Equal(new byte[] { 0, 1, 2, 250, 255 }, headers.GetValueBytes("x-echoed-bin"));
        Assert.Equal("done", call.GetTrailers().GetValue("x-trailer-text"));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, call.GetTrailers().GetValueBytes("x-trailer-bin"));
    }

    [Fact]
    public async Task Deadline_exceeded()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.EchoAsync(new EchoRequest { DelayMs = 5000 }, deadline: DateTime.UtcNow.AddMilliseconds(200)));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Cancellation()
    {
        using var cancel = new CancellationTokenSource(200);
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.EchoAsync(new EchoRequest { DelayMs = 5000 }, cancellationToken: cancel.Token));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal("after", (await Client.EchoAsync(new EchoRequest { Text = "after" })).Text);
    }

    [Fact]
    public async Task Unicode_error_message_and_status_details()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.EchoAsync(new EchoRequest { Fail = "status", FailCode = 11, Text = "超出范围 100%" }));
        Assert.Equal(StatusCode.OutOfRange, error.StatusCode);
        Assert.Equal("超出范围 100%", error.Status.Detail);
        Assert.Equal("text", error.GetDetail<BadRequest>()!.FieldViolations.Single().Field);

        var rule = await Assert.ThrowsAsync<RpcException>(async () => await Client.EchoAsync(new EchoRequest { Fail = "rule" }));
        Assert.Equal(StatusCode.FailedPrecondition, rule.StatusCode);
        Assert.Equal("TEST-1", rule.GetDetail<ErrorInfo>()!.Type);
    }

    [Fact]
    public async Task Error_after_streamed_messages()
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
    public async Task Gzip_both_ways()
    {
        using var channel = GrpcChannel.ForAddress(js.Channel.Address, new GrpcChannelOptions { RequestCompression = "gzip" });
        var payload = ByteString.CopyFrom(Enumerable.Repeat((byte)'z', 200_000).ToArray());
        var reply = await new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest { Payload = payload });
        Assert.Equal(payload, reply.Payload);
    }

    [Fact]
    public async Task Messages_near_the_limit_pass_and_larger_ones_are_resource_exhausted()
    {
        var near = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) - 100]);
        Assert.Equal(near.Length, (await Client.EchoAsync(new EchoRequest { Payload = near })).Payload.Length);

        var tooBig = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.EchoAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) + 1]) }));
        Assert.Equal(StatusCode.ResourceExhausted, tooBig.StatusCode);

        var tooBigReply = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.EchoAsync(new EchoRequest { ResponseSize = (4 * 1024 * 1024) + 1 }));
        Assert.Equal(StatusCode.ResourceExhausted, tooBigReply.StatusCode);
    }
}
