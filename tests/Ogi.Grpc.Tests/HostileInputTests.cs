using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ogi.BuildingBlocks.Grpc;
using Ogi.Grpc.TestHost;
using Ogi.Grpc.TestHost.Echo;
using StatusCode = Ogi.BuildingBlocks.Grpc.StatusCode;

namespace Ogi.Grpc.Tests;

/// <summary>
/// Raw HTTP/2 requests no well-behaved client sends: each gets the status the protocol prescribes, and the
/// server goes on serving.
/// </summary>
public sealed class HostileInputTests(EchoFixture echo) : IClassFixture<EchoFixture>
{
    private const string EchoPath = "/ogi.test.echo.v1.EchoService/Echo";

    [Fact]
    public async Task A_truncated_message_is_internal()
    {
        using var raw = new RawHttp2();
        var response = await raw.PostAsync(echo.Address, EchoPath, RawHttp2.Frame([0x0a, 0x05, (byte)'h'], declaredLength: 7));
        Assert.Equal("13", response.GrpcStatus);
        Assert.Contains("Incomplete", response.GrpcMessage, StringComparison.Ordinal);
        await echo.AssertStillServingAsync();
    }

    [Fact]
    public async Task A_truncated_length_prefix_is_internal()
    {
        using var raw = new RawHttp2();
        var response = await raw.PostAsync(echo.Address, EchoPath, [0, 0, 0]);
        Assert.Equal("13", response.GrpcStatus);
        await echo.AssertStillServingAsync();
    }

    [Fact]
    public async Task An_oversized_length_prefix_is_resource_exhausted_without_reading_the_body()
    {
        using var raw = new RawHttp2();
        var response = await raw.PostAsync(echo.Address, EchoPath, RawHttp2.Frame([1, 2, 3], declaredLength: uint.MaxValue));
        Assert.Equal("8", response.GrpcStatus);
        await echo.AssertStillServingAsync();
    }

    [Fact]
    public async Task A_compressed_flag_without_grpc_encoding_is_internal()
    {
        using var raw = new RawHttp2();
        var response = await raw.PostAsync(echo.Address, EchoPath, RawHttp2.Frame(new EchoRequest { Text = "x" }, flag: 1));
        Assert.Equal("13", response.GrpcStatus);
        Assert.Contains("grpc-encoding", response.GrpcMessage, StringComparison.Ordinal);
        await echo.AssertStillServingAsync();
    }

    [Fact]
    public async Task Garbage_protobuf_is_internal_and_not_echoed()
    {
        using var raw = new RawHttp2();
        var response = await raw.PostAsync(echo.Address, EchoPath, RawHttp2.Frame([0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]));
        Assert.Equal("13", response.GrpcStatus);
        Assert.True(response.IsTrailersOnly);
        await echo.AssertStillServingAsync();
    }

    [Fact]
    public async Task Two_messages_on_a_unary_method_are_internal()
    {
        using var raw = new RawHttp2();
        var one = RawHttp2.Frame(new EchoRequest { Text = "a" });
        var response = await raw.PostAsync(echo.Address, EchoPath, [.. one, .. one]);
        Assert.Equal("13", response.GrpcStatus);
    }

    [Fact]
    public async Task Messages_split_across_and_packed_into_data_frames_are_reassembled()
    {
        using var raw = new RawHttp2();
        var frames = Enumerable.Range(0, 5).SelectMany(i => RawHttp2.Frame(new EchoRequest { Text = $"t{i}" })).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(echo.Address, "/ogi.test.echo.v1.EchoService/Collect"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new DribbleContent(frames),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        using var response = await raw.Client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("0", string.Join(",", response.TrailingHeaders.GetValues("grpc-status")));
        Assert.Equal("t0,t1,t2,t3,t4", EchoResponse.Parser.ParseFrom(body.AsSpan(5).ToArray()).Text);
    }

    [Fact]
    public async Task A_wrong_content_type_is_415()
    {
        using var raw = new RawHttp2();
        var response = await raw.PostAsync(echo.Address, EchoPath, RawHttp2.Frame(new EchoRequest()), contentType: "application/json");
        Assert.Equal(415, response.HttpStatus);
        await echo.AssertStillServingAsync();
    }

    [Theory]
    [InlineData("/ogi.test.echo.v1.EchoService/NoSuchMethod", "Method")]
    [InlineData("/no.such.Service/Echo", "Service")]
    [InlineData("/grpc.health.v1.Health/Echo", "Method")] // a method of another service
    [InlineData("/no.such.Service/Check", "Service")]
    public async Task An_unknown_service_or_method_is_unimplemented(string path, string what)
    {
        using var raw = new RawHttp2();
        var response = await raw.PostAsync(echo.Address, path, RawHttp2.Frame(new EchoRequest()));
        Assert.Equal(200, response.HttpStatus);
        Assert.Equal("12", response.GrpcStatus);
        Assert.StartsWith(what, response.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_peer_resetting_mid_stream_cancels_the_handler_and_the_server_keeps_serving()
    {
        using var raw = new RawHttp2();
        var marker = Guid.NewGuid().ToString("N");
        var content = new DribbleContent(RawHttp2.Frame(new EchoRequest { Text = marker, DelayMs = 30_000 }), holdOpen: true);
        using var cancel = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(echo.Address, "/ogi.test.echo.v1.EchoService/Chat"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Content.Headers.ContentType = new("application/grpc");
        var sending = raw.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        await content.Held.WaitAsync(TimeSpan.FromSeconds(5));
        await CallTests.WaitUntil(() => echo.Observations.Waiting.Contains(marker)); // the handler is inside its 30 s wait
        cancel.Cancel(); // RST_STREAM(CANCEL)
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        await CallTests.WaitUntil(() => echo.Observations.Cancelled.Contains("Chat"));
        await echo.AssertStillServingAsync();
    }

    [Fact]
    public async Task Thousands_of_concurrent_streams_all_succeed()
    {
        var calls = Enumerable.Range(0, 3000).Select(async i =>
            (await echo.Client.EchoAsync(new EchoRequest { Text = $"n{i}" }, deadline: DateTime.UtcNow.AddSeconds(60))).Text);
        var texts = await Task.WhenAll(calls);
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => $"n{i}"), texts);
        await echo.AssertStillServingAsync();
    }

    [Fact]
    public async Task Http_1_1_is_refused_with_426_where_the_endpoint_speaks_it()
    {
        // Cleartext endpoints are HTTP/2-only (h2c prior knowledge): HTTP/1.1 never reaches us there. A TLS endpoint
        // negotiates HTTP/1.1 or HTTP/2 by ALPN, so it can answer an HTTP/1.1 caller with 426.
        using var certificate = SelfSignedCertificate();
        await using var app = await EchoServer.StartAsync(certificate: certificate);
        using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } };
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app.Address(tls: true), EchoPath))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(RawHttp2.Frame(new EchoRequest())),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);

        // The same endpoint serves gRPC over TLS to our client.
        using var channel = Ogi.BuildingBlocks.Grpc.Client.GrpcChannel.ForAddress(app.Address(tls: true), new() { HttpHandler = handler });
        var reply = await new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest { Text = "tls" });
        Assert.Equal("tls", reply.Text);
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    /// <summary>A body sent in odd-sized pieces (messages cut across DATA frames and packed together), optionally held open.</summary>
    private sealed class DribbleContent(byte[] bytes, bool holdOpen = false) : HttpContent
    {
        private readonly TaskCompletionSource _held = new();

        public Task Held => _held.Task;

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            for (var offset = 0; offset < bytes.Length; offset += 3)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(3, bytes.Length - offset)), cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            if (holdOpen)
            {
                _held.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
