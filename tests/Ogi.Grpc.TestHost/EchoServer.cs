using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ogi.BuildingBlocks.Grpc.Health;
using Ogi.BuildingBlocks.Grpc.Server;

namespace Ogi.Grpc.TestHost;

/// <summary>Starts the echo service (with health and reflection) on a loopback port: h2c, or TLS with HTTP/1.1 and HTTP/2 (ALPN).</summary>
public static class EchoServer
{
    public static async Task<WebApplication> StartAsync(int port = 0, X509Certificate2? certificate = null,
        Action<GrpcServerOptions>? configure = null, Action<IServiceCollection>? services = null, LogLevel logLevel = LogLevel.Warning)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(logLevel);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            kestrel.Listen(IPAddress.Loopback, port, listen =>
            {
                if (certificate is null)
                {
                    listen.Protocols = HttpProtocols.Http2;
                }
                else
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(certificate);
                }
            });
        });
        builder.Services.AddGrpcServer(configure);
        builder.Services.AddSingleton<EchoObservations>();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapGrpcStandardServices();
        app.MapGrpcService<EchoServiceImpl>();
        await app.StartAsync();
        // No database behind the echo service: it is ready once it listens.
        app.Services.GetRequiredService<HealthStatusRegistry>().SetServing(true);
        return app;
    }

    /// <summary>The address the server listens on, e.g. http://127.0.0.1:40123.</summary>
    public static Uri Address(this WebApplication app, bool tls = false)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
        return new Uri($"{(tls ? "https" : "http")}://127.0.0.1:{port}");
    }
}
