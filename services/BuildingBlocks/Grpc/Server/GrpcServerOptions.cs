using Ogi.BuildingBlocks.Grpc.Protocol;

namespace Ogi.BuildingBlocks.Grpc.Server;

/// <summary>Settings of the gRPC server, given to <c>AddGrpcServer</c>.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>Largest request message accepted; larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Largest response message sent (unlimited by default, as in other gRPC servers); a larger one ends the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxSendMessageSize { get; set; } = int.MaxValue;

    /// <summary>Compress responses with this algorithm ("gzip") when the caller accepts it. Requests compressed with gzip are answered with gzip anyway.</summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    /// <summary>Put handler exception messages in grpc-message. Off: an exception answers INTERNAL with a fixed text.</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>Server interceptors, run in this order around every handler (the first one outermost); resolved from DI once.</summary>
    public IList<Type> Interceptors { get; } = [];

    public GrpcServerOptions AddInterceptor<TInterceptor>()
        where TInterceptor : Interceptor
    {
        Interceptors.Add(typeof(TInterceptor));
        return this;
    }
}
