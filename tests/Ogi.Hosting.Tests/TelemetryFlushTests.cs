using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

    [Fact]
    public async Task Personal_data_never_reaches_the_logs_or_the_exported_spans()
    {
        const string idNumber = "11010519491231002X";
        const string phone = "13812345678";
        var received = new ConcurrentQueue<byte[]>();
        await using var collector = await StartCollectorAsync(received);
        var admin = await postgres.CreateDatabaseAsync("pii");
        var role = await ServiceDatabaseSetup.ProvisionAndMigrateAsync<IntakeDbContext>(admin, ServiceIdentity.Intake);
        Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Urls.First());
        Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        var console = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(captured));
        try
        {
            var app = OgiHost.CreateBuilder<IntakeDbContext>(["--Grpc:Port=0", "--Grpc:BindAddress=127.0.0.1", $"--Database:ConnectionString={role}"], ServiceIdentity.Intake).Build();
            await app.StartAsync();

            // Careless code: personal data in a log message, its arguments, an exception, a span name, tags and status.
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Ogi.Intake.Careless");
            logger.LogWarning(new InvalidOperationException($"lookup failed for {idNumber}"), "applicant {IdNumber} reachable at {Phone}", idNumber, phone);
            using (var source = new ActivitySource("Ogi.Tests.Careless"))
            using (var span = source.StartActivity($"lookup {idNumber}"))
            {
                span?.SetTag("applicant.id_number", idNumber);
                span?.SetTag("applicant.contact", $"tel {phone}");
                span?.SetStatus(ActivityStatusCode.Error, $"no record for {idNumber}");
            }

            await app.StopAsync();
            await app.DisposeAsync();
        }
        finally
        {
            Console.SetOut(console);
            Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT", null);
            Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL", null);
        }

        var logs = captured.ToString();
        var spans = string.Concat(received.Select(Encoding.UTF8.GetString));
        Assert.Contains("Ogi.Intake.Careless", logs, StringComparison.Ordinal); // the log line was written…
        Assert.Contains("applicant.contact", spans, StringComparison.Ordinal); // …and the span exported
        foreach (var secret in new[] { idNumber, phone })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, spans, StringComparison.Ordinal);
        }

        Assert.Contains(Ogi.BuildingBlocks.Hosting.Logging.PersonalDataRedactor.IdNumberMask, spans, StringComparison.Ordinal);
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
