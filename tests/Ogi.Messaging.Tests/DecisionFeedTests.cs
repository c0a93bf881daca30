using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Ogi.Contracts.Common.V1;
using Ogi.Intake.Persistence;
using Ogi.Messaging.Tests.Events;

namespace Ogi.Messaging.Tests;

/// <summary>ogi.common.v1.DecisionFeedService: the decisions topic as a stream, replayed from the outbox then live.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class DecisionFeedTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ServiceUnderTest<IntakeDbContext> _intake = null!;

    public async Task InitializeAsync() =>
        _intake = await ServiceUnderTest.StartAsync<IntakeDbContext>(postgres, ServiceIdentity.Intake,
            builder => builder.AddEvents<IntakeDbContext>(ServiceIdentity.Intake), app => app.MapEvents<IntakeDbContext>());

    public async Task DisposeAsync() => await _intake.DisposeAsync();

    private async Task PublishAsync(string topic, string caseId)
    {
        await using var scope = _intake.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        scope.ServiceProvider.GetRequiredService<Outbox>().Add(db, topic, caseId, new CaseStepped { CaseId = caseId, Step = 1 });
        await db.SaveChangesAsync();
    }

    private static async Task<List<WatchDecisionsResponse>> TakeAsync(AsyncServerStreamingCall<WatchDecisionsResponse> call, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new List<WatchDecisionsResponse>();
        while (received.Count < count && await call.ResponseStream.MoveNext(timeout.Token))
        {
            received.Add(call.ResponseStream.Current);
        }

        return received;
    }

    [Fact]
    public async Task Replays_the_kept_decisions_then_follows_new_ones_and_resumes_after_a_cursor()
    {
        await PublishAsync(Topics.Decisions, "first");
        await PublishAsync(Topics.Intake, "not-a-decision");
        await PublishAsync(Topics.Decisions, "second");
        var feed = new DecisionFeedService.DecisionFeedServiceClient(_intake.Channel);
        var county = _intake.County("county-system", SampleAgencies.Yuanzhou);

        using (var call = feed.WatchDecisions(new WatchDecisionsRequest { FromStart = true }, county))
        {
            var replayed = await TakeAsync(call, 2);
            Assert.Equal(["first", "second"], replayed.Select(r => r.Event.Unpack<CaseStepped>().CaseId));
            Assert.All(replayed, r => Assert.Equal("intake", r.Service));

            await PublishAsync(Topics.Decisions, "live");
            Assert.Equal("live", (await TakeAsync(call, 1)).Single().Event.Unpack<CaseStepped>().CaseId);

            using var resumed = feed.WatchDecisions(new WatchDecisionsRequest { AfterEventId = replayed[0].EventId }, county);
            Assert.Equal(["second", "live"], (await TakeAsync(resumed, 2)).Select(r => r.Event.Unpack<CaseStepped>().CaseId));
        }
    }

    [Fact]
    public async Task Without_a_cursor_only_new_decisions_arrive()
    {
        await PublishAsync(Topics.Decisions, "old");
        var feed = new DecisionFeedService.DecisionFeedServiceClient(_intake.Channel);
        using var call = feed.WatchDecisions(new WatchDecisionsRequest(), _intake.PlatformService("cli"));
        var first = Task.Run(() => TakeAsync(call, 1));
        await Task.Delay(500);
        await PublishAsync(Topics.Decisions, "new");

        Assert.Equal("new", (await first).Single().Event.Unpack<CaseStepped>().CaseId);
    }

    [Fact]
    public async Task A_malformed_cursor_is_invalid_and_a_provincial_platform_is_refused()
    {
        var feed = new DecisionFeedService.DecisionFeedServiceClient(_intake.Channel);

        using var bad = feed.WatchDecisions(new WatchDecisionsRequest { AfterEventId = "yesterday" }, _intake.County("county-system", SampleAgencies.Xiji));
        var invalid = await Assert.ThrowsAsync<RpcException>(() => bad.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);

        using var platform = feed.WatchDecisions(new WatchDecisionsRequest(), _intake.Platform());
        var denied = await Assert.ThrowsAsync<RpcException>(() => platform.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }
}
