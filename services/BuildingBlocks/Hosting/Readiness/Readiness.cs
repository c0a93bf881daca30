namespace Ogi.BuildingBlocks.Hosting.Readiness;

/// <summary>
/// Whether the service can do its work: the database is reachable and every migration is applied.
/// The gRPC health service reports this; it changes as the probe sees the database come and go.
/// </summary>
public sealed class ServiceReadiness
{
    private readonly Lock _gate = new();
    private ReadinessReport _current = new(false, "starting");

    public event Action<ReadinessReport>? Changed;

    public ReadinessReport Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public void Report(bool ready, string reason)
    {
        var next = new ReadinessReport(ready, reason);
        lock (_gate)
        {
            if (_current.Ready == next.Ready && _current.Reason == next.Reason)
            {
                return;
            }

            _current = next;
        }

        Changed?.Invoke(next);
    }
}

public sealed record ReadinessReport(bool Ready, string Reason);
