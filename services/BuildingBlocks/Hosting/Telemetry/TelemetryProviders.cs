using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ogi.BuildingBlocks.Hosting.Telemetry;

/// <summary>Owns the tracer and meter providers; disposing them flushes what is buffered.</summary>
public sealed class TelemetryProviders(TracerProvider? tracer, MeterProvider? meter) : IDisposable
{
    public TracerProvider? Tracer { get; } = tracer;

    public MeterProvider? Meter { get; } = meter;

    public void Dispose()
    {
        Tracer?.Dispose();
        Meter?.Dispose();
    }
}

/// <summary>Creates the providers when the host starts, so listening begins before the first request.</summary>
internal sealed class TelemetryStarter(TelemetryProviders providers) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = providers;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
