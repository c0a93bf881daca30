using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Messaging.Receiving;
using Ogi.BuildingBlocks.Testing;
using Ogi.Intake.Persistence;
using Ogi.Messaging.Tests.Events;
using Ogi.SecrecyReview.Persistence;

namespace Ogi.Messaging.Tests;

/// <summary>
/// A database with two real service schemas: intake produces events, secrecy-review consumes them.
/// A handler's effect is an audit row (action = event type, aggregate = case id, details = step), written in
/// the handler's transaction, so "applied exactly once" and "in order" are read straight from the table.
/// </summary>
public sealed class MessagingDatabase
{
    private MessagingDatabase(string admin, string intake, string secrecyReview)
    {
        Admin = admin;
        Intake = intake;
        SecrecyReview = secrecyReview;
    }

    public string Admin { get; }

    /// <summary>The intake role's connection (the producer).</summary>
    public string Intake { get; }

    /// <summary>The secrecy-review role's connection (the consumer).</summary>
    public string SecrecyReview { get; }

    public static async Task<MessagingDatabase> CreateAsync(PostgresFixture postgres, string prefix)
    {
        var admin = await postgres.CreateDatabaseAsync(prefix);
        var intake = await ServiceDatabaseSetup.ProvisionAndMigrateAsync<IntakeDbContext>(admin, ServiceIdentity.Intake);
        var review = await ServiceDatabaseSetup.ProvisionAndMigrateAsync<SecrecyReviewDbContext>(admin, ServiceIdentity.SecrecyReview);
        return new MessagingDatabase(admin, intake, review);
    }

    public IntakeDbContext IntakeContext() => ServiceDatabase.CreateContext<IntakeDbContext>(Intake, ServiceIdentity.Intake);

    public SecrecyReviewDbContext ReviewContext() => ServiceDatabase.CreateContext<SecrecyReviewDbContext>(SecrecyReview, ServiceIdentity.SecrecyReview);

    /// <summary>Commits <paramref name="events"/> through intake's outbox, each with an audit row as the state change, in one transaction.</summary>
    public async Task<List<Guid>> CommitAsync(Outbox outbox, params (string Topic, string AggregateId, Google.Protobuf.IMessage Event)[] events)
    {
        await using var db = IntakeContext();
        var ids = new List<Guid>();
        foreach (var (topic, aggregate, message) in events)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                OccurredAt = DateTimeOffset.UtcNow,
                Actor = "test",
                Action = "Change",
                AggregateType = "Case",
                AggregateId = aggregate,
                Outcome = "ok",
            });
            ids.Add(outbox.Add(db, topic, aggregate, message));
        }

        await db.SaveChangesAsync();
        return ids;
    }

    /// <summary>The steps the consumer applied for <paramref name="caseId"/>, in the order they were applied.</summary>
    public async Task<List<int>> AppliedStepsAsync(string caseId)
    {
        await using var db = ReviewContext();
        return (await db.AuditEntries.Where(a => a.AggregateId == caseId && a.Action == CaseStepped.Descriptor.FullName)
                .OrderBy(a => a.Id).Select(a => a.Details!).ToListAsync())
            .Select(int.Parse).ToList();
    }

    public async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The consumer's handlers: CaseStepped records its step (failing while <paramref name="isHeld"/> says so); PoisonPill always throws.</summary>
    public static void DeclareHandlers(EventSubscriptions<SecrecyReviewDbContext> events, string topic, Func<string, bool>? isHeld = null)
    {
        events.Subscribe<CaseStepped>(topic, (e, context, _) =>
        {
            if (isHeld?.Invoke(e.CaseId) == true)
            {
                throw new InvalidOperationException("case is held by the test");
            }

            context.Db.AuditEntries.Add(new AuditEntry
            {
                OccurredAt = DateTimeOffset.UtcNow,
                Actor = "consumer",
                Action = CaseStepped.Descriptor.FullName,
                AggregateType = "Case",
                AggregateId = e.CaseId,
                Outcome = "applied",
                Details = e.Step.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            return Task.CompletedTask;
        });
        events.Subscribe<PoisonPill>(topic, (e, context, _) =>
        {
            context.Db.AuditEntries.Add(new AuditEntry
            {
                OccurredAt = DateTimeOffset.UtcNow,
                Actor = "consumer",
                Action = PoisonPill.Descriptor.FullName,
                AggregateType = "Case",
                AggregateId = e.CaseId,
                Outcome = "half-done",
            });
            throw new InvalidOperationException("poison pill");
        });
    }

    /// <summary>Registers secrecy-review's receiving side (database, handlers, dispatcher) as a service host does.</summary>
    public void AddConsumer(IServiceCollection services, EventsOptions options, string topic, Func<string, bool>? isHeld = null)
    {
        services.AddDbContext<SecrecyReviewDbContext>(o => ServiceDatabase.Configure<SecrecyReviewDbContext>(o, SecrecyReview, ServiceIdentity.SecrecyReview));
        DeclareHandlers(services.AddEventsCore<SecrecyReviewDbContext>(options), topic, isHeld);
    }

    /// <summary>A consumer's services without a network endpoint: what the AppCallback service calls into.</summary>
    public ServiceProvider ConsumerServices(EventsOptions options, string topic)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        AddConsumer(services, options, topic);
        return services.BuildServiceProvider();
    }
}
