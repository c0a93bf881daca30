using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Ogi.Intake.Persistence;
using Ogi.Messaging.Tests.Events;
using Ogi.SecrecyReview.Persistence;

namespace Ogi.Messaging.Tests;

/// <summary>Two service hosts built the way Program.cs builds them (OgiHost + AddEvents + MapEvents), configured only through "Events:*".</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class HostWiringTests(PostgresFixture postgres) : IAsyncLifetime
{
    private MessagingDatabase _db = null!;
    private readonly List<WebApplication> _hosts = [];

    public async Task InitializeAsync() => _db = await MessagingDatabase.CreateAsync(postgres, "hosts");

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }
    }

    private async Task<WebApplication> StartHostAsync<TContext>(ServiceIdentity service, string connectionString, string[] settings,
        Action<BuildingBlocks.Messaging.Receiving.EventSubscriptions<TContext>>? subscribe = null)
        where TContext : BuildingBlocks.Hosting.Persistence.ServiceDbContext
    {
        string[] args = [$"--Database:ConnectionString={connectionString}", "--Grpc:Port=0", "--Grpc:BindAddress=127.0.0.1", "--Logging:LogLevel:Default=Warning",
            "--Auth:DevelopmentKey=host-wiring-tests-signing-key-0123456789", "--Auth:AppApiToken=host-wiring-app-token", .. settings];
        var builder = OgiHost.CreateBuilder<TContext>(args, service);
        builder.AddEvents(service, subscribe);
        var app = builder.Build();
        OgiHost.MapStandardGrpcServices(app);
        app.MapEvents<TContext>();
        await app.StartAsync();
        _hosts.Add(app);
        return app;
    }

    private static string Address(WebApplication app) =>
        $"http://127.0.0.1:{new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port}";

    [Fact]
    public async Task An_event_committed_in_one_service_host_is_handled_by_another_in_direct_mode()
    {
        var consumer = await StartHostAsync<SecrecyReviewDbContext>(ServiceIdentity.SecrecyReview, _db.SecrecyReview, [],
            events => MessagingDatabase.DeclareHandlers(events, Topics.Intake));
        var producer = await StartHostAsync<IntakeDbContext>(ServiceIdentity.Intake, _db.Intake,
            ["--Events:Mode=direct", $"--Events:Peers:secrecy-review={Address(consumer)}", "--Events:PollIntervalMs=200"]);

        await using (var scope = producer.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            scope.ServiceProvider.GetRequiredService<Outbox>().Add(db, Topics.Intake, "hosted", new CaseStepped { CaseId = "hosted", Step = 1 });
            await db.SaveChangesAsync();
        }

        await Eventually.HoldsAsync(async () => (await _db.AppliedStepsAsync("hosted")).Count == 1, "the consumer host applies the event");
        // Other peers come from the service's appsettings.json (make run's defaults) and are not running here.
        await Eventually.HoldsAsync(async () => await _db.ScalarAsync(_db.Intake,
            "SELECT count(*) FROM outbox_deliveries WHERE subscriber = 'secrecy-review' AND delivered_at IS NOT NULL") == 1, "the producer records the delivery");
    }

    [Fact]
    public async Task AppCallback_refuses_a_caller_without_the_app_api_token()
    {
        var consumer = await StartHostAsync<SecrecyReviewDbContext>(ServiceIdentity.SecrecyReview, _db.SecrecyReview, [],
            events => MessagingDatabase.DeclareHandlers(events, Topics.Intake));
        using var channel = BuildingBlocks.Grpc.Client.GrpcChannel.ForAddress(Address(consumer));
        var client = new global::Dapr.Proto.Runtime.V1.AppCallback.AppCallbackClient(channel);

        var refused = await Assert.ThrowsAsync<BuildingBlocks.Grpc.RpcException>(() => client.ListTopicSubscriptionsAsync(new Google.Protobuf.WellKnownTypes.Empty()).ResponseAsync);
        Assert.Equal(BuildingBlocks.Grpc.StatusCode.Unauthenticated, refused.StatusCode);

        var wrong = new BuildingBlocks.Grpc.Metadata { { "dapr-api-token", "not-the-token" } };
        refused = await Assert.ThrowsAsync<BuildingBlocks.Grpc.RpcException>(() => client.ListTopicSubscriptionsAsync(new Google.Protobuf.WellKnownTypes.Empty(), wrong).ResponseAsync);
        Assert.Equal(BuildingBlocks.Grpc.StatusCode.Unauthenticated, refused.StatusCode);

        var right = new BuildingBlocks.Grpc.Metadata { { "dapr-api-token", "host-wiring-app-token" } };
        var subscriptions = await client.ListTopicSubscriptionsAsync(new Google.Protobuf.WellKnownTypes.Empty(), right).ResponseAsync;
        Assert.Contains(subscriptions.Subscriptions, s => s.Topic == Topics.Intake);
    }
}
