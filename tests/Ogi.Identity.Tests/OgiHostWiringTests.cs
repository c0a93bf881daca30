using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Grpc.Client;
using Ogi.BuildingBlocks.Grpc.Server;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Identity.Rpc;
using Ogi.BuildingBlocks.Identity.Tokens;
using Ogi.BuildingBlocks.Testing;
using Ogi.Identity.Tests.Guarded;
using Ogi.Intake.Persistence;

namespace Ogi.Identity.Tests;

/// <summary>Every service host gets authentication and access checks from OgiHost, configured by Auth:*.</summary>
public sealed class OgiHostWiringTests
{
    private const string Key = "the-hosts-development-key-of-32-bytes-or-more";

    private static string[] Args(params string[] extra) =>
    [
        "--environment=Production",
        "--Grpc:Port=0",
        "--Grpc:BindAddress=127.0.0.1",
        "--Database:ConnectionString=Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none",
        .. extra,
    ];

    [Fact]
    public async Task A_service_host_refuses_unauthenticated_calls_admits_declared_callers_and_leaves_health_open()
    {
        var builder = OgiHost.CreateBuilder<IntakeDbContext>(Args("--Auth:Issuer=ogi-host-test", "--Auth:DevelopmentKey=" + Key), ServiceIdentity.Intake);
        await using var app = builder.Build();
        OgiHost.MapStandardGrpcServices(app);
        app.MapGrpcService<GuardedServiceImpl>();
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var client = new GuardedService.GuardedServiceClient(channel);

        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, health.Status); // open, and honest: no database here

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.ApproveExtensionAsync(new Ping()));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);

        var token = new DevelopmentTokens("ogi-host-test", AuthSettings.DefaultAudience,
            new AuthSettings { DevelopmentKey = Key }.DevelopmentSigningKey("Production")).Mint("p-head", SampleAgencies.Xiji, [StaffRole.OfficeHead]);
        var reply = await client.ApproveExtensionAsync(new Ping(), BearerToken.Headers(token));
        Assert.Equal("p-head", reply.Caller);
        await app.StopAsync();
    }

    [Fact]
    public async Task Outside_Development_a_host_without_an_authority_or_a_key_refuses_to_start()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OgiHost.RunAsync<IntakeDbContext>(Args(), ServiceIdentity.Intake));
        Assert.Contains("Auth:DevelopmentKey", error.Message, StringComparison.Ordinal);
    }
}
