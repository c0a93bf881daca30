using Grpc.Health.V1;

namespace Ogi.BuildingBlocks.Grpc.Health;

/// <summary>
/// The serving status of the server ("") and of each service name. Services follow the server's status
/// unless set on their own; the host feeds the server's status from its readiness model.
/// </summary>
public sealed class HealthStatusRegistry(Server.GrpcServiceRegistry services)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HealthCheckResponse.Types.ServingStatus> _overrides = new(StringComparer.Ordinal);
    private HealthCheckResponse.Types.ServingStatus _server = HealthCheckResponse.Types.ServingStatus.NotServing;

    /// <summary>Raised after any status may have changed; watchers re-read what they watch.</summary>
    public event Action? Changed;

    /// <summary>The whole server's status: SERVING when ready, NOT_SERVING otherwise.</summary>
    public void SetServing(bool serving) => SetServer(serving ? HealthCheckResponse.Types.ServingStatus.Serving : HealthCheckResponse.Types.ServingStatus.NotServing);

    public void SetServer(HealthCheckResponse.Types.ServingStatus status)
    {
        lock (_gate)
        {
            _server = status;
        }

        Changed?.Invoke();
    }

    /// <summary>Gives a service a status of its own (e.g. NOT_SERVING while a dependency it alone needs is down).</summary>
    public void SetService(string service, HealthCheckResponse.Types.ServingStatus status)
    {
        lock (_gate)
        {
            _overrides[service] = status;
        }

        Changed?.Invoke();
    }

    /// <summary>The status of "" (the server) or a known service; null for a name the server does not know.</summary>
    public HealthCheckResponse.Types.ServingStatus? Get(string service)
    {
        lock (_gate)
        {
            if (service.Length == 0)
            {
                return _server;
            }

            if (_overrides.TryGetValue(service, out var own))
            {
                return own;
            }

            return services.IsKnown(service) ? _server : null;
        }
    }

    public IReadOnlyDictionary<string, HealthCheckResponse.Types.ServingStatus> All()
    {
        var names = services.ServiceNames.Concat(_overrides.Keys).Append("").Distinct();
        return names.ToDictionary(n => n, n => Get(n) ?? HealthCheckResponse.Types.ServingStatus.ServiceUnknown);
    }
}
