using System.Threading.Channels;
using Grpc.Health.V1;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace Ogi.BuildingBlocks.Grpc.Health;

/// <summary>grpc.health.v1.Health over <see cref="HealthStatusRegistry"/> (doc/health-checking.md).</summary>
public sealed class HealthService(HealthStatusRegistry registry) : global::Grpc.Health.V1.Health.HealthBase
{
    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var status = registry.Get(request.Service)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Unknown service '{request.Service}'."));
        return Task.FromResult(new HealthCheckResponse { Status = status });
    }

    public override Task<HealthListResponse> List(HealthListRequest request, ServerCallContext context)
    {
        var response = new HealthListResponse();
        foreach (var (name, status) in registry.All())
        {
            response.Statuses[name] = new HealthCheckResponse { Status = status };
        }

        return Task.FromResult(response);
    }

    /// <summary>The current status, then each change; an unknown service is SERVICE_UNKNOWN and the call stays open.</summary>
    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        void OnChanged() => changes.Writer.TryWrite(true);
        registry.Changed += OnChanged;
        try
        {
            ServingStatus? last = null;
            do
            {
                var current = registry.Get(request.Service) ?? ServingStatus.ServiceUnknown;
                if (current != last)
                {
                    await responseStream.WriteAsync(new HealthCheckResponse { Status = current }, context.CancellationToken);
                    last = current;
                }
            }
            while (await changes.Reader.WaitToReadAsync(context.CancellationToken) && changes.Reader.TryRead(out _));
        }
        finally
        {
            registry.Changed -= OnChanged;
        }
    }
}
