using System.Diagnostics;
using Grpc.Health.V1;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Testing;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace Ogi.EndToEnd.Tests;

/// <summary>The platform as operators meet it: five processes, traced into a collector, surviving crashes (FaultTests restarts the database under load).</summary>
[Collection(PlatformCollection.Name)]
public sealed class PlatformTests(PlatformFixture fixture)
{
    private readonly PlatformRun _platform = fixture.Platform;
    private readonly OtlpReceiver _otlp = fixture.Otlp;

    [Fact]
    public async Task Every_service_is_serving_and_a_caller_trace_reaches_the_collector_from_each()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        foreach (var service in ServiceIdentity.All)
        {
            using var channel = _platform.Channel(service);
            var headers = new Metadata { { "traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01" } };
            var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), headers);
            Assert.Equal(ServingStatus.Serving, reply.Status);
        }

        // Each service's gRPC server span joins the caller's trace.
        await _otlp.WaitForAsync(spans => ServiceIdentity.All.All(s =>
            spans.Any(span => span.TraceId == traceId && span.Service == s.Name && span.Name == "grpc.health.v1.Health/Check")));
    }

    [Fact]
    public async Task A_service_killed_with_SIGKILL_is_restarted_and_serving_again()
    {
        var intake = _platform.ServiceProcess(ServiceIdentity.Intake);
        intake.Kill();
        await intake.WaitForExitAsync();

        await _platform.WaitForHealthAsync(ServiceIdentity.Intake, ServingStatus.Serving);
        Assert.NotEqual(intake.Id, _platform.ServiceProcess(ServiceIdentity.Intake).Id);
        Assert.Contains(_platform.Output, l => l.Contains("intake", StringComparison.Ordinal) && l.Contains("restarting", StringComparison.Ordinal));
    }
}
