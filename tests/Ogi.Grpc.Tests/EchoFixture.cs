using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Grpc.Client;
using Ogi.Grpc.TestHost;
using Ogi.Grpc.TestHost.Echo;

namespace Ogi.Grpc.Tests;

/// <summary>A live echo server on a loopback port and our client for it, shared by a test class.</summary>
public sealed class EchoFixture : IAsyncLifetime
{
    public WebApplication App { get; private set; } = null!;

    public GrpcChannel Channel { get; private set; } = null!;

    public EchoService.EchoServiceClient Client { get; private set; } = null!;

    public Uri Address => App.Address();

    public EchoObservations Observations => App.Services.GetRequiredService<EchoObservations>();

    public async Task InitializeAsync()
    {
        App = await EchoServer.StartAsync();
        Channel = GrpcChannel.ForAddress(App.Address());
        Client = new EchoService.EchoServiceClient(Channel);
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>The server still answers an ordinary call: what every hostile test checks last.</summary>
    public async Task AssertStillServingAsync()
    {
        var reply = await Client.EchoAsync(new EchoRequest { Text = "still here" }, deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.Equal("still here", reply.Text);
    }
}
