using System.Text;
using Grpc.Health.V1;
using Microsoft.IdentityModel.Tokens;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Grpc.Client;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Identity.Rpc;
using Ogi.BuildingBlocks.Identity.Tokens;
using Ogi.BuildingBlocks.Testing;
using Ogi.Identity.Tests.Guarded;
using static Ogi.BuildingBlocks.Testing.SampleAgencies;

namespace Ogi.Identity.Tests;

/// <summary>Authentication and access declarations through a real Kestrel host and our gRPC client.</summary>
public sealed class AccessGlueTests(GuardedHost host) : IClassFixture<GuardedHost>, IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(host.Address);

    private static DevelopmentTokens Tokens(string issuer = GuardedHost.Issuer, TimeProvider? time = null) =>
        new(issuer, GuardedHost.Audience, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(GuardedHost.Key)), time);

    private GuardedService.GuardedServiceClient Client => new(_channel);

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task A_call_without_a_token_is_UNAUTHENTICATED_with_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.ApproveExtensionAsync(new Ping()));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("no bearer token (send 'authorization: Bearer <token>')", error.Status.Detail);
    }

    [Fact]
    public async Task An_expired_token_is_UNAUTHENTICATED()
    {
        var expired = Tokens(time: new FixedTime(DateTimeOffset.UtcNow.AddHours(-3))).Mint("p-1", Xiji, [StaffRole.OfficeHead], TimeSpan.FromHours(1));
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.ApproveExtensionAsync(new Ping(), BearerToken.Headers(expired)));
        Assert.Equal((StatusCode.Unauthenticated, "token has expired"), (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_UNAUTHENTICATED()
    {
        var foreign = Tokens(issuer: "elsewhere").Mint("p-1", Xiji, [StaffRole.OfficeHead]);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.ApproveExtensionAsync(new Ping(), BearerToken.Headers(foreign)));
        Assert.Equal((StatusCode.Unauthenticated, "token issuer is not trusted"), (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    public async Task A_declared_role_is_admitted_and_the_handler_sees_the_caller()
    {
        var reply = await Client.ApproveExtensionAsync(new Ping(), BearerToken.Headers(Tokens().Mint("p-head", Xiji, [StaffRole.OfficeHead])));
        Assert.Equal("p-head", reply.Caller);
        Assert.Equal("ogi.identitytest.v1.GuardedService/ApproveExtension", reply.AuditAction); // AuditRecord.Of takes who and which RPC from the call
    }

    [Fact]
    public async Task Staff_missing_the_declared_role_are_PERMISSION_DENIED()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.ApproveExtensionAsync(new Ping(), BearerToken.Headers(Tokens().Mint("p-clerk", Xiji, [StaffRole.Clerk]))));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("staff p-clerk may not call /ogi.identitytest.v1.GuardedService/ApproveExtension; it admits staff (office-head)", error.Status.Detail);
    }

    [Fact]
    public async Task Another_agencys_data_is_PERMISSION_DENIED_and_the_own_agencys_is_served()
    {
        var token = BearerToken.Headers(Tokens().Mint("p-clerk", XijiHousing, [StaffRole.Clerk]));
        Assert.Equal("p-clerk", (await Client.ReadAgencyRecordAsync(new Ping { AgencyCode = XijiHousing }, token)).Caller);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.ReadAgencyRecordAsync(new Ping { AgencyCode = LongdeHealth }, token));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task An_RPC_without_an_access_declaration_is_refused_even_to_platform_services()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.ForgottenAsync(new Ping(), BearerToken.Headers(Tokens().MintPlatformService("intake"))));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("declares no access", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streaming_calls_are_guarded_too()
    {
        using var county = Client.WatchDecisions(new Ping(), BearerToken.Headers(Tokens().MintCountySystem("xiji-oa", Xiji)));
        var received = new List<string>();
        while (await county.ResponseStream.MoveNext(CancellationToken.None))
        {
            received.Add(county.ResponseStream.Current.Caller);
        }

        Assert.Equal(["xiji-oa", "xiji-oa"], received);

        using var staff = Client.WatchDecisions(new Ping(), BearerToken.Headers(Tokens().Mint("p-1", Xiji, [StaffRole.Supervisor])));
        var error = await Assert.ThrowsAsync<RpcException>(() => staff.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task Health_stays_open_without_a_token()
    {
        var reply = await new Health.HealthClient(_channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public void The_declaration_check_names_each_RPC_without_access()
    {
        Assert.Equal(["ogi.identitytest.v1.GuardedService/Forgotten", "ogi.identitytest.v1.DeclaredService/Nobody"],
            AccessDeclarations.Undeclared(GuardedService.Descriptor, DeclaredService.Descriptor, DecisionFeed.Descriptor));
        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AccessDeclarationAssert.EveryRpcDeclaresAccess(GuardedService.Descriptor));
        Assert.Contains("ogi.identitytest.v1.GuardedService/Forgotten", failure.Message, StringComparison.Ordinal);
        AccessDeclarationAssert.EveryRpcDeclaresAccess(DecisionFeed.Descriptor);
    }

    [Fact]
    public void A_declaration_is_read_from_the_method_descriptor()
    {
        var rule = AccessDeclarations.Of(GuardedService.Descriptor.FindMethodByName("WatchDecisions"))!;
        Assert.Equal(new HashSet<PrincipalKind> { PrincipalKind.CountySystem, PrincipalKind.PlatformService }, rule.Kinds);
        Assert.Empty(rule.StaffRoles);
    }
}
