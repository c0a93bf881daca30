using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Health.V1;
using Grpc.Reflection.V1;
using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Grpc.Health;
using static Grpc.Health.V1.HealthCheckResponse.Types;
using StatusCode = Ogi.BuildingBlocks.Grpc.StatusCode;

namespace Ogi.Grpc.Tests;

/// <summary>grpc.health.v1 and grpc.reflection v1 / v1alpha as served next to the echo service.</summary>
public sealed class StandardServicesTests(EchoFixture echo) : IClassFixture<EchoFixture>
{
    private HealthStatusRegistry HealthRegistry => echo.App.Services.GetRequiredService<HealthStatusRegistry>();

    [Fact]
    public async Task Health_check_follows_the_server_status_and_refuses_unknown_services()
    {
        var health = new Health.HealthClient(echo.Channel);
        HealthRegistry.SetServing(false);
        Assert.Equal(ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);
        HealthRegistry.SetServing(true);
        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "ogi.test.echo.v1.EchoService" })).Status);

        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await health.CheckAsync(new HealthCheckRequest { Service = "no.such.Service" }));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Health_watch_reports_each_transition_and_service_unknown_without_ending()
    {
        var health = new Health.HealthClient(echo.Channel);
        HealthRegistry.SetServing(false);
        using var watch = health.Watch(new HealthCheckRequest());
        var stream = watch.ResponseStream;
        Assert.True(await stream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.NotServing, stream.Current.Status);
        HealthRegistry.SetServing(true);
        Assert.True(await stream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.Serving, stream.Current.Status);
        HealthRegistry.SetServing(false);
        Assert.True(await stream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.NotServing, stream.Current.Status);

        using var unknown = health.Watch(new HealthCheckRequest { Service = "later.Service" });
        Assert.True(await unknown.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.ServiceUnknown, unknown.ResponseStream.Current.Status);
        HealthRegistry.SetService("later.Service", ServingStatus.Serving);
        Assert.True(await unknown.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.Serving, unknown.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task Reflection_lists_every_service()
    {
        var answer = await AskAsync(new ServerReflectionRequest { ListServices = "" });
        Assert.Equal(
            ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "ogi.test.echo.v1.EchoService"],
            answer.ListServicesResponse.Service.Select(s => s.Name));
    }

    [Fact]
    public async Task Reflection_resolves_a_method_to_its_file_and_message_types()
    {
        var answer = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = "ogi.test.echo.v1.EchoService.Chat" });
        var files = answer.FileDescriptorResponse.FileDescriptorProto.Select(b => FileDescriptorProto.Parser.ParseFrom(b)).ToList();
        var echoFile = Assert.Single(files, f => f.Name == "echo.proto");
        var chat = echoFile.Service.Single().Method.Single(m => m.Name == "Chat");
        Assert.True(chat.ClientStreaming && chat.ServerStreaming);
        Assert.Equal(".ogi.test.echo.v1.EchoRequest", chat.InputType);
        Assert.Contains(echoFile.MessageType, m => m.Name == "EchoRequest");
    }

    [Fact]
    public async Task Reflection_sends_transitive_dependencies_and_answers_by_file_name()
    {
        var byName = await AskAsync(new ServerReflectionRequest { FileByFilename = "grpc/reflection/v1/reflection.proto" });
        Assert.Equal("grpc/reflection/v1/reflection.proto", FileDescriptorProto.Parser.ParseFrom(byName.FileDescriptorResponse.FileDescriptorProto[0]).Name);

        var missing = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = "no.such.Thing" });
        Assert.Equal((int)StatusCode.NotFound, missing.ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task Reflection_v1alpha_answers_the_same_questions()
    {
        var client = new global::Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(echo.Channel);
        using var call = client.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.Health" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var file = FileDescriptorProto.Parser.ParseFrom(call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal("grpc/health/v1/health.proto", file.Name);
    }

    private async Task<ServerReflectionResponse> AskAsync(ServerReflectionRequest request)
    {
        var client = new ServerReflection.ServerReflectionClient(echo.Channel);
        using var call = client.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var response = call.ResponseStream.Current;
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        return response;
    }
}
