using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ogi.BuildingBlocks.Hosting.Telemetry;

/// <summary>
/// Tracing and metrics with the OpenTelemetry core SDK (the hosting and instrumentation packages are
/// not in the registry): the runtime's own ActivitySources and Meters plus the project's "Ogi.*".
/// The OTLP exporter is configured by the standard OTEL_* variables and only added when an endpoint
/// is set, so a laptop without a collector logs no export errors.
/// </summary>
public static class OgiTelemetry
{
    /// <summary>Every project source and meter is named with this prefix.</summary>
    public const string Prefix = "Ogi";

    public static readonly string[] TraceSources = ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", Prefix + ".*"];

    public static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "Npgsql", Prefix + ".*",
    ];

    public static bool ExporterConfigured =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")) ||
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));

    private static bool Disabled =>
        string.Equals(Environment.GetEnvironmentVariable("OTEL_SDK_DISABLED"), "true", StringComparison.OrdinalIgnoreCase);

    public static TracerProvider? CreateTracerProvider(string serviceName, Action<TracerProviderBuilder>? configure = null)
    {
        if (Disabled)
        {
            return null;
        }

        // Processors run in the order added: redaction comes before any exporter sees the span.
        var builder = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(Resource(serviceName))
            .AddSource(TraceSources)
            .AddProcessor(new PersonalDataSpanProcessor());
        if (ExporterConfigured)
        {
            builder.AddOtlpExporter();
        }
        else if (configure is null)
        {
            // Nobody receives spans: keep trace ids flowing (logs, traceparent to peers and the outbox) but record nothing,
            // which was a third of a SubmitApplication's CPU.
            builder.SetSampler(new AlwaysOffSampler());
        }

        configure?.Invoke(builder);
        return builder.Build();
    }

    public static MeterProvider? CreateMeterProvider(string serviceName)
    {
        if (Disabled || !ExporterConfigured)
        {
            return null;
        }

        return Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(Resource(serviceName))
            .AddMeter(Meters)
            .AddOtlpExporter()
            .Build();
    }

    private static ResourceBuilder Resource(string serviceName) =>
        ResourceBuilder.CreateDefault()
            .AddService(serviceName, serviceNamespace: "ogi", serviceVersion: typeof(OgiTelemetry).Assembly.GetName().Version?.ToString())
            .AddEnvironmentVariableDetector();
}
