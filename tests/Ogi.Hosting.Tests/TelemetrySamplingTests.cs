using System.Diagnostics;
using Ogi.BuildingBlocks.Hosting.Telemetry;
using Ogi.BuildingBlocks.Testing;

namespace Ogi.Hosting.Tests;

/// <summary>
/// With no exporter configured nobody receives spans: they still carry trace ids (logs, traceparent to peers and the
/// outbox) but record nothing. In the Postgres collection because other tests there set the OTEL_* variables.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class TelemetrySamplingTests
{
    [Fact]
    public void Without_an_exporter_a_span_has_a_trace_id_but_is_not_recorded()
    {
        Assert.False(OgiTelemetry.ExporterConfigured);
        using var provider = OgiTelemetry.CreateTracerProvider("intake");
        using var source = new ActivitySource("Ogi.Tests.Sampling");
        using var span = source.StartActivity("unrecorded");

        Assert.NotNull(span);
        Assert.NotEqual(default, span.TraceId);
        Assert.False(span.Recorded);
        Assert.False(span.IsAllDataRequested);
    }

    [Fact]
    public void With_a_test_configuring_the_provider_spans_are_recorded()
    {
        using var provider = OgiTelemetry.CreateTracerProvider("intake", builder => { });
        using var source = new ActivitySource("Ogi.Tests.Sampling");
        using var span = source.StartActivity("recorded");

        Assert.NotNull(span);
        Assert.True(span.Recorded);
    }
}
