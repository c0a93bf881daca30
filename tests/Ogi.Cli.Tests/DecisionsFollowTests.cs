using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Ogi.Contracts.Intake.V1;
using Ogi.Intake.Persistence;

namespace Ogi.Cli.Tests;

/// <summary>`ogi decisions follow` against a real service host: decisions replayed and printed with their labels.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class DecisionsFollowTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ServiceUnderTest<IntakeDbContext> _intake = null!;

    public async Task InitializeAsync() =>
        _intake = await ServiceUnderTest.StartAsync<IntakeDbContext>(postgres, ServiceIdentity.Intake,
            builder => builder.AddEvents<IntakeDbContext>(ServiceIdentity.Intake), app => app.MapEvents<IntakeDbContext>());

    public async Task DisposeAsync() => await _intake.DisposeAsync();

    [Fact]
    public async Task Follow_prints_each_decision_with_its_service_type_and_labels_until_stopped()
    {
        await using (var scope = _intake.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            outbox.Add(db, Topics.Decisions, "a-1", new ReplyIssued { TrackingNumber = "YZ-2026-000001", Outcome = ReplyOutcome.PartiallyDisclosed });
            outbox.Add(db, Topics.Intake, "a-1", new DeadlineExtended { ApplicationId = "a-1", WorkingDays = 5 });
            await db.SaveChangesAsync();
        }

        var token = _intake.Tokens.MintCountySystem("county-1", SampleAgencies.Yuanzhou);
        var port = new Uri(_intake.Address).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var run = await CliRun.InvokeAsync(stop.Token, "decisions", "follow", "--from-start", "--base-port", port, "--token", token);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("intake ogi.intake.v1.ReplyIssued", run.Output, StringComparison.Ordinal);
        Assert.Contains("outcome: 部分公开 (REPLY_OUTCOME_PARTIALLY_DISCLOSED)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("DeadlineExtended", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_without_a_token_says_how_to_get_one()
    {
        var run = await CliRun.InvokeAsync("decisions", "follow", "--base-port", new Uri(_intake.Address).Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("ogi token", run.Error, StringComparison.Ordinal);
    }
}
