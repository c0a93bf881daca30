using Dapr.Proto.Runtime.V1;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Grpc.Client;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Identity.Rpc;
using Ogi.BuildingBlocks.Identity.Tokens;
using Ogi.BuildingBlocks.Messaging.Dapr;

namespace Ogi.BuildingBlocks.Testing;

/// <summary>Starts service hosts for functional tests; see <see cref="ServiceUnderTest{TContext}"/>.</summary>
public static class ServiceUnderTest
{
    public const string AppApiToken = "service-under-test-app-token";

    private const string SigningKey = "service-under-test-signing-key-0123456789abcdef";

    /// <summary>
    /// Starts <paramref name="service"/> wired exactly as its Program.cs wires it (<paramref name="configure"/> and
    /// <paramref name="map"/> are the service's own), on a fresh database of the test PostgreSQL, migrated, on a
    /// loopback port, with an <see cref="EventProbe"/> as its only event peer. <paramref name="settings"/> are extra
    /// command-line settings ("--Section:Key=value"); <paramref name="services"/> replaces registrations (a
    /// <see cref="TestClock"/> for <see cref="TimeProvider"/>).
    /// </summary>
    public static async Task<ServiceUnderTest<TContext>> StartAsync<TContext>(PostgresFixture postgres, ServiceIdentity service,
        Action<WebApplicationBuilder> configure, Action<WebApplication> map, IEnumerable<string>? settings = null,
        Action<IServiceCollection>? services = null)
        where TContext : ServiceDbContext
    {
        ArgumentNullException.ThrowIfNull(postgres);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(map);
        var admin = await postgres.CreateDatabaseAsync(service.Schema);
        var connectionString = await ServiceDatabaseSetup.ProvisionAndMigrateAsync<TContext>(admin, service);
        var probe = await EventProbe.StartAsync();
        try
        {
            string[] args =
            [
                $"--Database:ConnectionString={connectionString}", "--Grpc:Port=0", "--Grpc:BindAddress=127.0.0.1",
                "--Logging:LogLevel:Default=Warning", $"--Auth:DevelopmentKey={SigningKey}", $"--Auth:AppApiToken={AppApiToken}",
                "--Events:Mode=direct", "--Events:PollIntervalMs=100", "--Events:BackoffBaseMs=50", "--Events:BackoffMaxMs=500",
                "--Readiness:IntervalSeconds=0.5",
                .. settings ?? [],
            ];
            var builder = OgiHost.CreateBuilder<TContext>(args, service);
            // The service's appsettings.json names its make-run peers; here the probe is the only one.
            builder.Configuration.AddInMemoryCollection(PeersOnly(builder.Configuration, probe.Address));
            configure(builder);
            services?.Invoke(builder.Services);
            var app = builder.Build();
            OgiHost.MapStandardGrpcServices(app);
            map(app);
            await app.StartAsync();
            return new ServiceUnderTest<TContext>(app, probe, connectionString, admin);
        }
        catch
        {
            await probe.DisposeAsync();
            throw;
        }
    }

    private static Dictionary<string, string?> PeersOnly(IConfiguration configuration, string probeAddress)
    {
        // The inherited peers get an empty address (switched off), so nothing waits on addresses nobody serves.
        var peers = configuration.GetSection("Events:Peers").GetChildren().ToDictionary(p => $"Events:Peers:{p.Key}", _ => (string?)"");
        peers[$"Events:Peers:{EventProbe.PeerName}"] = probeAddress;
        return peers;
    }
}

/// <summary>A running service host under test: its gRPC channel, tokens for each kind of caller, events in and out.</summary>
public sealed class ServiceUnderTest<TContext> : IAsyncDisposable
    where TContext : ServiceDbContext
{
    private readonly WebApplication _app;
    private readonly DevelopmentTokens _tokens;

    internal ServiceUnderTest(WebApplication app, EventProbe probe, string connectionString, string adminConnectionString)
    {
        _app = app;
        Events = probe;
        ConnectionString = connectionString;
        AdminConnectionString = adminConnectionString;
        Address = $"http://127.0.0.1:{new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port}";
        Channel = GrpcChannel.ForAddress(Address);
        _tokens = DevelopmentTokens.FromConfiguration(app.Configuration, app.Environment.EnvironmentName);
    }

    public string Address { get; }

    public GrpcChannel Channel { get; }

    /// <summary>Every event the service publishes (the probe is its event peer).</summary>
    public EventProbe Events { get; }

    /// <summary>The service role's connection string (its own schema).</summary>
    public string ConnectionString { get; }

    /// <summary>A superuser connection to the same database, for assertions the role may not make.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Mints tokens the host accepts (for callers that take a raw token, like the CLI).</summary>
    public DevelopmentTokens Tokens => _tokens;

    /// <summary>The host's container.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Call headers of a staff member of <paramref name="agencyCode"/> with <paramref name="roles"/>.</summary>
    public Metadata Staff(string personId, string agencyCode, params StaffRole[] roles) =>
        BearerToken.Headers(_tokens.Mint(personId, agencyCode, roles));

    /// <summary>Call headers of a provincial platform acting for applicants.</summary>
    public Metadata Platform(string clientId = "ningxia-platform") => BearerToken.Headers(_tokens.MintProvincialPlatform(clientId));

    public Metadata County(string clientId, string agencyCode) => BearerToken.Headers(_tokens.MintCountySystem(clientId, agencyCode));

    public Metadata PlatformService(string serviceName) => BearerToken.Headers(_tokens.MintPlatformService(serviceName));

    /// <summary>
    /// Delivers <paramref name="message"/> on <paramref name="topic"/> to the service's AppCallback exactly as a producer's
    /// relay does (same event id twice = a redelivery). Returns the handler's answer (SUCCESS, RETRY or DROP).
    /// </summary>
    public async Task<TopicEventResponse.Types.TopicEventResponseStatus> DeliverAsync(string topic, IMessage message, Guid? eventId = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var client = new AppCallback.AppCallbackClient(Channel);
        var request = new TopicEventRequest
        {
            Id = (eventId ?? Guid.NewGuid()).ToString(),
            Source = "test",
            Type = message.Descriptor.FullName,
            SpecVersion = CloudEventContract.SpecVersion,
            DataContentType = CloudEventContract.ContentType,
            Data = message.ToByteString(),
            Topic = topic,
            PubsubName = "pubsub",
        };
        var response = await client.OnTopicEventAsync(request, new Metadata { { "dapr-api-token", ServiceUnderTest.AppApiToken } }).ResponseAsync;
        return response.Status;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Events.DisposeAsync();
    }
}
