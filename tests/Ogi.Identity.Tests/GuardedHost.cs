using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Grpc.Health;
using Ogi.BuildingBlocks.Grpc.Server;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Identity;
using Ogi.BuildingBlocks.Identity.Access;
using Ogi.BuildingBlocks.Identity.Rpc;
using Ogi.Identity.Tests.Guarded;

namespace Ogi.Identity.Tests;

/// <summary>A real Kestrel (h2c on loopback) serving the guarded test service behind the access interceptor.</summary>
public sealed class GuardedHost : IAsyncLifetime
{
    public const string Issuer = "ogi-test";
    public const string Audience = "ogi-platform";
    public const string Key = "a-test-signing-key-of-more-than-32-bytes";

    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = Issuer,
            ["Auth:Audience"] = Audience,
            ["Auth:DevelopmentKey"] = Key,
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddOgiIdentity(builder.Configuration, builder.Environment);
        builder.Services.AddGrpcServer(options => options.AddInterceptor<AccessInterceptor>());
        _app = builder.Build();
        _app.Services.GetRequiredService<HealthStatusRegistry>().SetServing(true);
        _app.MapGrpcStandardServices();
        _app.MapGrpcService<GuardedServiceImpl>();
        await _app.StartAsync();
        var port = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>The guarded test service: echoes the caller's id; ReadAgencyRecord applies agency scope.</summary>
internal sealed class GuardedServiceImpl(AgencyScope scope) : GuardedService.GuardedServiceBase
{
    public override Task<Pong> ApproveExtension(Ping request, ServerCallContext context)
    {
        var audit = AuditRecord.Of(context, "Application", "XJZJ-2026-1", "extension approved");
        return Task.FromResult(new Pong { Caller = audit.Actor, AuditAction = audit.Action });
    }

    public override Task<Pong> ReadAgencyRecord(Ping request, ServerCallContext context)
    {
        scope.Demand(context.Caller(), request.AgencyCode);
        return Task.FromResult(new Pong { Caller = context.Caller().Id });
    }

    public override async Task WatchDecisions(Ping request, IServerStreamWriter<Pong> responseStream, ServerCallContext context)
    {
        await responseStream.WriteAsync(new Pong { Caller = context.Caller().Id });
        await responseStream.WriteAsync(new Pong { Caller = context.Caller().Id });
    }

    public override Task<Pong> Forgotten(Ping request, ServerCallContext context) =>
        Task.FromResult(new Pong { Caller = "should never run" });
}
