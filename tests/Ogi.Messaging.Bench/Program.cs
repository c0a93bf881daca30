using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ogi.BuildingBlocks.EmbeddedPostgres;
using Ogi.BuildingBlocks.Grpc.Server;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Messaging.Dapr;
using Ogi.BuildingBlocks.Messaging.Relay;
using Ogi.BuildingBlocks.Testing;
using Ogi.Intake.Persistence;
using Ogi.Messaging.Bench;
using Ogi.SecrecyReview.Persistence;

// Phase 1 (throughput): writers commit a burst of events, one per transaction; measured until the last is handled.
// Phase 2 (latency): events committed at a steady pace; commit → handler entry, p50 and p99.
int Option(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
var burst = Option("--events", 5000);
var writers = Option("--writers", 8);
var pacedRate = Option("--rate", 200);
var pacedSeconds = Option("--seconds", 5);

await using var postgres = await PostgresServer.StartAsync(new EmbeddedPostgresOptions { RootDirectory = RepositoryRoot.BuildDirectory("bench-pg"), Name = "bench", Durable = false });
var admin = await postgres.CreateDatabaseAsync($"bench_{Guid.NewGuid():N}");
var intake = await ServiceDatabaseSetup.ProvisionAndMigrateAsync<IntakeDbContext>(admin, ServiceIdentity.Intake);
var review = await ServiceDatabaseSetup.ProvisionAndMigrateAsync<SecrecyReviewDbContext>(admin, ServiceIdentity.SecrecyReview);

var committedAt = new ConcurrentDictionary<long, long>();
var handledAt = new ConcurrentDictionary<long, long>();

// The subscriber: secrecy-review's AppCallback on a loopback port; its handler writes a row, as real handlers do.
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
builder.Services.AddGrpcServer();
builder.Services.AddDbContext<SecrecyReviewDbContext>(o => ServiceDatabase.Configure<SecrecyReviewDbContext>(o, review, ServiceIdentity.SecrecyReview));
builder.Services.AddEventsCore<SecrecyReviewDbContext>(new EventsOptions()).Subscribe<Pinged>(Topics.Intake, (e, context, _) =>
{
    handledAt.TryAdd(e.Number, Stopwatch.GetTimestamp());
    context.Db.AuditEntries.Add(new AuditEntry
    {
        OccurredAt = DateTimeOffset.UtcNow,
        Actor = "bench",
        Action = "Pinged",
        AggregateType = "Case",
        AggregateId = e.CaseId,
        Outcome = "ok",
    });
    return Task.CompletedTask;
});
builder.Services.AddSingleton<AppCallbackService<SecrecyReviewDbContext>>();
await using var subscriber = builder.Build();
subscriber.MapGrpcService<AppCallbackService<SecrecyReviewDbContext>>();
await subscriber.StartAsync();
var port = new Uri(subscriber.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

// The producer: intake's outbox and relay, delivering directly.
var options = new EventsOptions { Peers = { ["secrecy-review"] = $"http://127.0.0.1:{port}" } };
var outbox = new Outbox(options, TimeProvider.System);
using var transport = new DirectTransport(options, NullLogger<DirectTransport>.Instance, TimeProvider.System);
using var relay = new OutboxRelay(intake, ServiceIdentity.Intake.Schema, ServiceIdentity.Intake.Name, transport, options, NullLogger<OutboxRelay>.Instance, TimeProvider.System);
await relay.StartAsync(default);

long next = 0;
async Task CommitOneAsync()
{
    var number = Interlocked.Increment(ref next);
    await using var db = ServiceDatabase.CreateContext<IntakeDbContext>(intake, ServiceIdentity.Intake);
    var caseId = $"case-{number % 200}";
    db.AuditEntries.Add(new AuditEntry { OccurredAt = DateTimeOffset.UtcNow, Actor = "bench", Action = "Ping", AggregateType = "Case", AggregateId = caseId, Outcome = "ok" });
    outbox.Add(db, Topics.Intake, caseId, new Pinged { CaseId = caseId, Number = number });
    await db.SaveChangesAsync();
    committedAt[number] = Stopwatch.GetTimestamp();
}

async Task WaitHandledAsync(long count)
{
    while (handledAt.Count < count)
    {
        await Task.Delay(5);
    }
}

// Warm-up: connections, JIT, the subscriber's subscription list.
for (var i = 0; i < 50; i++)
{
    await CommitOneAsync();
}

await WaitHandledAsync(next);
committedAt.Clear();
handledAt.Clear();
Interlocked.Exchange(ref next, 0);

// Phase 1.
var start = Stopwatch.GetTimestamp();
await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
{
    while (Interlocked.Read(ref next) < burst)
    {
        await CommitOneAsync();
    }
})));
var committed = Stopwatch.GetElapsedTime(start);
await WaitHandledAsync(next);
var drained = Stopwatch.GetElapsedTime(start);
var total = next;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"messaging-throughput events={total} writers={writers} commit-rate={total / committed.TotalSeconds:F0}/s end-to-end={total / drained.TotalSeconds:F0}/s (outbox→direct gRPC→handler+inbox, fsync off)"));
BenchResults.Record("events", "outbox → relay → handler + inbox, burst", total / drained.TotalSeconds, "events/s",
    detail: $"{total} events from {writers} writers, direct delivery, fsync off");

// Phase 2.
committedAt.Clear();
handledAt.Clear();
Interlocked.Exchange(ref next, 0);
var interval = TimeSpan.FromSeconds(1.0 / pacedRate);
var paced = Stopwatch.StartNew();
var sent = 0;
while (paced.Elapsed < TimeSpan.FromSeconds(pacedSeconds))
{
    await CommitOneAsync();
    sent++;
    var due = interval * sent;
    if (due > paced.Elapsed)
    {
        await Task.Delay(due - paced.Elapsed);
    }
}

await WaitHandledAsync(next);
var latencies = committedAt.Select(c => Stopwatch.GetElapsedTime(c.Value, handledAt[c.Key]).TotalMilliseconds).Order().ToArray();
double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"messaging-latency events={latencies.Length} rate={pacedRate}/s commit→handler p50={Percentile(0.50):F1}ms p99={Percentile(0.99):F1}ms max={latencies[^1]:F1}ms"));
BenchResults.Record("events", "commit → handler p50", Percentile(0.50), "ms", detail: $"paced at {pacedRate}/s");
BenchResults.Record("events", "commit → handler p99", Percentile(0.99), "ms", detail: $"paced at {pacedRate}/s");

await relay.StopAsync(default);
await subscriber.StopAsync();
return 0;
