using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Ogi.BuildingBlocks.Grpc.Health;
using Ogi.BuildingBlocks.Grpc.Server;
using Ogi.BuildingBlocks.Hosting.Logging;
using Ogi.BuildingBlocks.Identity;
using Ogi.BuildingBlocks.Identity.Agencies;
using Ogi.BuildingBlocks.Identity.Rpc;
using Ogi.BuildingBlocks.Identity.Tokens;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Hosting.Readiness;
using Ogi.BuildingBlocks.Hosting.Telemetry;

namespace Ogi.BuildingBlocks.Hosting;

/// <summary>
/// Service defaults: the one place every service's host is set up (configuration, Kestrel,
/// logging, telemetry, database, readiness, shutdown) and the <c>migrate</c> command.
/// A service's Program.cs is a call to <see cref="RunAsync{TContext}"/>.
/// </summary>
public static class OgiHost
{
    /// <summary>Environment variables with this prefix override configuration (OGI_Grpc__Port=6000).</summary>
    public const string EnvironmentPrefix = "OGI_";

    private const string NoConfigReload = "DOTNET_hostBuilder__reloadConfigOnChange";

    /// <summary>
    /// Hosts built after this read appsettings once. Reloading on change watched the content root recursively (under
    /// make run or a test run that is the repository, with the embedded PostgreSQL writing inside it), and handling
    /// those file events took a twentieth of a core under load; settings come from the environment anyway. Only the
    /// host's own environment variable reaches every watcher a builder makes; an operator's explicit value stays.
    /// </summary>
    public static void ReadConfigurationOnce()
    {
        if (Environment.GetEnvironmentVariable(NoConfigReload) is null)
        {
            Environment.SetEnvironmentVariable(NoConfigReload, "false");
        }
    }

    public static WebApplicationBuilder CreateBuilder<TContext>(string[] args, ServiceIdentity service)
        where TContext : ServiceDbContext
    {
        ReadConfigurationOnce();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(TContext).Assembly.GetName().Name });
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        builder.Services.AddSingleton(service);

        ConfigureKestrel(builder, service);
        ConfigureLogging(builder);
        ConfigureTelemetry(builder, service);

        var databaseSettings = builder.Configuration.GetSection(DatabaseSettings.Section).Get<DatabaseSettings>() ?? new DatabaseSettings();
        builder.Services.AddSingleton(databaseSettings);
        // Pooled: building a context (its options, warnings and service checks) for every call cost more CPU than a
        // small command's own work; a pooled context is reset and leased to the next scope instead.
        builder.Services.AddDbContextPool<TContext>(options => ServiceDatabase.Configure<TContext>(options, databaseSettings.RequireConnectionString(), service),
            poolSize: 128);

        builder.Services.AddSingleton<ServiceReadiness>();
        // Every call is authenticated and checked against its RPC's access declaration (Auth:*, Agencies:Path).
        builder.Services.AddOgiIdentity(builder.Configuration, builder.Environment);
        builder.Services.AddGrpcServer(grpc => grpc.AddInterceptor<AccessInterceptor>());
        var probeInterval = TimeSpan.FromSeconds(builder.Configuration.GetValue("Readiness:IntervalSeconds", 2.0));
        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<DatabaseReadinessProbe<TContext>>(sp, probeInterval));
        builder.Services.AddHostedService<SupervisorWatch>();
        builder.Services.Configure<HostOptions>(o =>
            o.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("ShutdownTimeoutSeconds", 20)));
        return builder;
    }

    /// <summary>
    /// Runs the service, or its <c>migrate</c> command when that is the first argument. Returns the exit code.
    /// </summary>
    public static async Task<int> RunAsync<TContext>(string[] args, ServiceIdentity service,
        Action<WebApplicationBuilder>? configureServices = null, Action<WebApplication>? configureApp = null)
        where TContext : ServiceDbContext
    {
        var builder = CreateBuilder<TContext>(args.Where(a => a != "migrate").ToArray(), service);
        if (args.Length > 0 && args[0] == "migrate")
        {
            return await MigrateAsync<TContext>(builder, service);
        }

        configureServices?.Invoke(builder);
        await using var app = builder.Build();
        // Fail at start, not at the first call, when Auth or the agency directory is misconfigured.
        app.Services.GetRequiredService<AccessTokenValidator>();
        app.Services.GetRequiredService<AgencyDirectory>();
        MapStandardGrpcServices(app);
        configureApp?.Invoke(app);
        await app.RunAsync();
        return 0;
    }

    /// <summary>
    /// Every service serves gRPC health (fed by readiness: SERVING once the database is reachable and migrated)
    /// and reflection, before its own services are mapped.
    /// </summary>
    public static void MapStandardGrpcServices(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var readiness = app.Services.GetRequiredService<ServiceReadiness>();
        var health = app.Services.GetRequiredService<HealthStatusRegistry>();
        readiness.Changed += report => health.SetServing(report.Ready);
        health.SetServing(readiness.Current.Ready);
        app.MapGrpcStandardServices();
    }

    private static async Task<int> MigrateAsync<TContext>(WebApplicationBuilder builder, ServiceIdentity service)
        where TContext : ServiceDbContext
    {
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Ogi.Migrate");
        try
        {
            await ServiceDatabase.MigrateAsync<TContext>(host.Services.GetRequiredService<DatabaseSettings>(), service);
            logger.LogInformation("Migrated schema {Schema} for {Service}", service.Schema, service.Name);
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or Npgsql.NpgsqlException)
        {
            logger.LogError(e, "Migration of {Service} failed", service.Name);
            return 1;
        }
    }

    private static void ConfigureKestrel(WebApplicationBuilder builder, ServiceIdentity service)
    {
        var grpc = builder.Configuration.GetSection("Grpc");
        var port = grpc.GetValue("Port", service.DefaultPort);
        var address = IPAddress.Parse(grpc["BindAddress"] ?? IPAddress.Any.ToString());
        var certificate = grpc["CertificatePath"];
        var certificatePassword = grpc["CertificatePassword"];
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port, listen =>
            {
                if (string.IsNullOrEmpty(certificate))
                {
                    // Cleartext gRPC is HTTP/2 with prior knowledge (h2c); there is no upgrade from HTTP/1.1.
                    listen.Protocols = HttpProtocols.Http2;
                }
                else
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(certificate, certificatePassword);
                }
            });
        });
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        // JSON lines for log collectors; "plain" (make run) for people reading a terminal. Both redact personal data.
        var plain = string.Equals(builder.Configuration["Logging:Format"], "plain", StringComparison.OrdinalIgnoreCase);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.FormatterName = plain ? PlainLogFormatter.FormatterName : JsonLogFormatter.FormatterName);
        builder.Logging.AddConsoleFormatter<JsonLogFormatter, ConsoleFormatterOptions>();
        builder.Logging.AddConsoleFormatter<PlainLogFormatter, ConsoleFormatterOptions>();
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
    }

    private static void ConfigureTelemetry(WebApplicationBuilder builder, ServiceIdentity service)
    {
        // Registered through factories so the container disposes them on shutdown, flushing the last spans.
        builder.Services.AddSingleton(_ => new TelemetryProviders(
            OgiTelemetry.CreateTracerProvider(service.Name), OgiTelemetry.CreateMeterProvider(service.Name)));
        builder.Services.AddHostedService<TelemetryStarter>();
    }
}
