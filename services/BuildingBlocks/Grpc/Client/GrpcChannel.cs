using System.Net;
using Ogi.BuildingBlocks.Grpc.Protocol;

namespace Ogi.BuildingBlocks.Grpc.Client;

/// <summary>Settings of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted; larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Largest request message sent (unlimited by default).</summary>
    public int MaxSendMessageSize { get; set; } = int.MaxValue;

    /// <summary>Compress request messages ("gzip"); per call, metadata "grpc-internal-encoding-request" overrides it.</summary>
    public string? RequestCompression { get; set; }

    /// <summary>Another handler (TLS settings, tests); by default all channels share one pooled HTTP/2 handler.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Whether disposing the channel disposes <see cref="HttpHandler"/>.</summary>
    public bool DisposeHttpHandler { get; set; }
}

/// <summary>
/// Where calls go: "http://host:port" (HTTP/2 with prior knowledge) or "https://host:port" (TLS, ALPN h2).
/// Cheap to create; connections live in the shared handler and are reused across channels and calls.
/// </summary>
public sealed class GrpcChannel : ChannelBase, IDisposable
{
    /// <summary>One handler for the process, so every channel to an address reuses the same HTTP/2 connections.</summary>
    private static readonly Lazy<SocketsHttpHandler> SharedHandler = new(CreateHandler);

    private readonly HttpMessageInvoker _invoker;
    private readonly HttpCallInvoker _callInvoker;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
        : base(address.ToString())
    {
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Address '{address}' must be http:// or https://.", nameof(address));
        }

        Address = address;
        Options = options;
        _invoker = new HttpMessageInvoker(options.HttpHandler ?? SharedHandler.Value, disposeHandler: options.HttpHandler is not null && options.DisposeHttpHandler);
        _callInvoker = new HttpCallInvoker(this);
    }

    public Uri Address { get; }

    public GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker => _invoker;

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) => ForAddress(new Uri(address), options);

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null) => new(address, options ?? new GrpcChannelOptions());

    public override CallInvoker CreateCallInvoker() => _callInvoker;

    public void Dispose()
    {
        // The shared handler outlives every channel; an own handler goes only when the options say so.
        if (Options.HttpHandler is not null)
        {
            _invoker.Dispose();
        }
    }

    /// <summary>HTTP/2 settings for long-lived RPC connections: several connections when one runs out of streams, and keep-alive pings.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
        // traceparent is part of the call's metadata; our client span injects it (see ClientCall).
        ActivityHeadersPropagator = null,
    };
}
