using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Testing;
using Ogi.Intake.Persistence;

namespace Ogi.Hosting.Tests;

/// <summary>
/// A service host exports its spans over OTLP as configured by the standard OTEL_* variables, and its
/// providers are disposed on shutdown so the last spans are flushed rather than lost.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class TelemetryFlushTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Spans_reach_the_collector_when_the_host_stops()
    {
        var received = new ConcurrentQueue<byte[]>();
        await using var collector = await StartCollectorAsync(received);
        var admin = await postgres.CreateDatabaseAsync("otel");
        var role = await ServiceDatabaseSetup.ProvisionAndMigrateAsync<IntakeDbContext>(admin, ServiceIdentity.Intake);

        var variables = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Urls.First(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            // Only a flush on shutdown can deliver within the test: the batch would otherwise wait a minute.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "60000",
        };
        foreach (var (key, value) in variables)
        {
            Environment.SetEnvironmentVariable(key, value);
        }

        try
        {
            var builder = OgiHost.CreateBuilder<IntakeDbContext>(["--Grpc:Port=0", "--Grpc:BindAddress=127.0.0.1", $"--Database:ConnectionString={role}"], ServiceIdentity.Intake);
            var app = builder.Build();
            await app.StartAsync();
            using (var source = new ActivitySource("Ogi.Tests.Flush"))
            using (source.StartActivity("flush-check-span"))
            {
            }

            Assert.Empty(received); // nothing sent yet: the batch is waiting
            await app.StopAsync();
            await app.DisposeAsync();
        }
        finally
        {
            foreach (var key in variables.Keys)
            {
                Environment.SetEnvironmentVariable(key, null);
            }
        }

        var body = string.Concat(received.Select(Encoding.UTF8.GetString));
        Assert.Contains("flush-check-span", body, StringComparison.Ordinal);
        Assert.Contains("intake", body, StringComparison.Ordinal); // service.name resource attribute
    }

    /// <summary>A minimal OTLP/HTTP receiver: records each export request's protobuf body.</summary>
    private static async Task<WebApplication> StartCollectorAsync(ConcurrentQueue<byte[]> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var collector = builder.Build();
        collector.MapPost("/v1/traces", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            received.Enqueue(buffer.ToArray());
            context.Response.ContentType = "application/x-protobuf";
        });
        await collector.StartAsync();
        return collector;
    }
}
