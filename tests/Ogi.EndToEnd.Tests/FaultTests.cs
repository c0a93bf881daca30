using System.Diagnostics;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Testing;
using Ogi.Contracts.Intake.V1;
using Xunit.Abstractions;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace Ogi.EndToEnd.Tests;

/// <summary>
/// Faults under a stream of submissions from a provincial platform: a service killed, a subscriber stopped, the
/// database restarted. Each test proves on the acknowledged set that no acknowledged submission is lost, that each
/// request id is one application (INT-1), and that assessment applied each registration exactly once (its read model
/// row and its table 三 count, AS-8). Each test uses its own agency, so the counts it compares are its own.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class FaultTests(PlatformFixture fixture, ITestOutputHelper log)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(45);

    private readonly PlatformRun _platform = fixture.Platform;
    private readonly PostgresFixture _postgres = fixture.Postgres;
    private readonly PlatformRecords _records = new(fixture.Database);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private void Step(string what) => log.WriteLine($"{_clock.Elapsed.TotalSeconds,6:F1} s  {what}");

    [Fact]
    public async Task Intake_killed_with_SIGKILL_mid_stream_keeps_every_acknowledged_submission_and_assessment_counts_each_once()
    {
        const string Agency = SampleAgencies.LongdeHealth;
        var counted = await _records.RegisteredCountAsync(Agency);
        await using var load = SubmissionLoad.Start(_platform, Agency, ApplicantType.LegalServiceOrganisation);
        await load.WaitForAcknowledgedAsync(40, TimeSpan.FromSeconds(30));

        var intake = _platform.ServiceProcess(ServiceIdentity.Intake);
        intake.Kill();
        await intake.WaitForExitAsync();
        Step($"intake killed with {load.AcknowledgedCount} acknowledged");
        await _platform.WaitForHealthAsync(ServiceIdentity.Intake, ServingStatus.Serving, TimeSpan.FromSeconds(40));
        Step("intake restarted and SERVING");
        Assert.NotEqual(intake.Id, _platform.ServiceProcess(ServiceIdentity.Intake).Id);

        // The stream goes on against the restarted process before it is stopped.
        await load.WaitForAcknowledgedAsync(load.AcknowledgedCount + 40, TimeSpan.FromSeconds(30));
        var acknowledged = await load.StopAsync();
        Step($"load stopped: {acknowledged.Count} acknowledged, {load.Retries} calls retried");

        await AssertStoredOnceEachAsync(load, acknowledged);
        await AssertRegisteredOnceDownstreamAsync(Agency, counted, acknowledged);
    }

    [Fact]
    public async Task A_subscriber_stopped_with_SIGSTOP_while_submissions_go_on_misses_nothing_once_it_resumes()
    {
        const string Agency = SampleAgencies.XijiJiqiangTown;
        var counted = await _records.RegisteredCountAsync(Agency);
        // Two callers: enough of a backlog to prove the catch-up, small enough to drain in seconds.
        await using var load = SubmissionLoad.Start(_platform, Agency, ApplicantType.PublicWelfareOrganisation, callers: 2);
        await load.WaitForAcknowledgedAsync(20, TimeSpan.FromSeconds(30));

        var assessment = _platform.ServiceProcess(ServiceIdentity.Assessment);
        Signal(assessment, "STOP");
        Step($"assessment stopped with {load.AcknowledgedCount} acknowledged");
        try
        {
            var atStop = load.AcknowledgedCount;
            await Task.Delay(TimeSpan.FromSeconds(10));
            await load.WaitForAcknowledgedAsync(atStop + 20, TimeSpan.FromSeconds(20));

            // The stopped subscriber really applied none of what was acknowledged meanwhile.
            var soFar = load.Acknowledged;
            Assert.True(await _records.FactsAsync(Ids(soFar)) <= atStop, "assessment applied events while stopped");
        }
        finally
        {
            Signal(assessment, "CONT");
            Step($"assessment continued with {load.AcknowledgedCount} acknowledged");
        }

        var acknowledged = await load.StopAsync();
        Step($"load stopped: {acknowledged.Count} acknowledged, {load.Retries} calls retried");
        Assert.Equal(assessment.Id, _platform.ServiceProcess(ServiceIdentity.Assessment).Id);
        await AssertStoredOnceEachAsync(load, acknowledged);
        await AssertRegisteredOnceDownstreamAsync(Agency, counted, acknowledged);
    }

    [Fact]
    public async Task A_database_restart_under_load_turns_health_NOT_SERVING_and_back_and_loses_no_acknowledged_submission()
    {
        const string Agency = SampleAgencies.CityNaturalResources;
        var counted = await _records.RegisteredCountAsync(Agency);
        await using var load = SubmissionLoad.Start(_platform, Agency, ApplicantType.ResearchInstitution);
        await load.WaitForAcknowledgedAsync(30, TimeSpan.FromSeconds(30));

        await _postgres.Server.StopAsync();
        Step($"database stopped with {load.AcknowledgedCount} acknowledged");
        try
        {
            foreach (var service in ServiceIdentity.All)
            {
                await _platform.WaitForHealthAsync(service, ServingStatus.NotServing, TimeSpan.FromSeconds(20));
            }

            // Down a while longer: the callers' submissions fail and are retried with the same request ids meanwhile.
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        finally
        {
            Step("restarting the database");
            await _postgres.Server.RestartAsync();
        }

        foreach (var service in ServiceIdentity.All)
        {
            await _platform.WaitForHealthAsync(service, ServingStatus.Serving, TimeSpan.FromSeconds(30));
        }

        Step("database back, every service SERVING");

        await load.WaitForAcknowledgedAsync(load.AcknowledgedCount + 30, TimeSpan.FromSeconds(30));
        var acknowledged = await load.StopAsync();
        Step($"load stopped: {acknowledged.Count} acknowledged, {load.Retries} calls retried");

        await AssertStoredOnceEachAsync(load, acknowledged);
        await AssertRegisteredOnceDownstreamAsync(Agency, counted, acknowledged);
    }

    /// <summary>INT-1: intake holds exactly the acknowledged applications of this platform client, each request id once, as acknowledged.</summary>
    private async Task AssertStoredOnceEachAsync(SubmissionLoad load, IReadOnlyDictionary<string, Acknowledgement> acknowledged)
    {
        var stored = await _records.IntakeApplicationsAsync(load.PlatformClientId);
        Assert.Equal(acknowledged.Keys.Order(), stored.Keys.Order());
        Assert.All(acknowledged, a => Assert.Equal(Normalised(a.Value), Normalised(stored[a.Key])));
        Assert.Equal(acknowledged.Count, acknowledged.Values.Select(a => a.TrackingNumber).Distinct().Count());
    }

    /// <summary>
    /// One ApplicationRegistered per acknowledged application, each delivered to and handled by assessment, none
    /// dead-lettered; its read model has each application once and its table 三 count rose by exactly their number.
    /// </summary>
    private async Task AssertRegisteredOnceDownstreamAsync(string agencyCode, long countedBefore, IReadOnlyDictionary<string, Acknowledgement> acknowledged)
    {
        var ids = Ids(acknowledged);
        var until = DateTime.UtcNow + Settle;
        List<(Guid Application, Guid EventId, bool Delivered)> events;
        while (true)
        {
            events = await _records.RegistrationEventsAsync(ids);
            if (events.Count >= ids.Count && events.All(e => e.Delivered) && await _records.FactsAsync(ids) == ids.Count)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < until,
                $"after {Settle.TotalSeconds:0} s: {events.Count(e => e.Delivered)} of {ids.Count} registrations delivered, {await _records.FactsAsync(ids)} in assessment's read model");
            await Task.Delay(200);
        }

        Step("every registration delivered and in assessment's read model");
        Assert.Equal(ids.Order(), events.Select(e => e.Application).Order());
        var (handled, deadLettered) = await _records.AssessmentInboxAsync([.. events.Select(e => e.EventId)]);
        Assert.Equal(0, deadLettered);
        Assert.Equal(ids.Count, handled);
        Assert.Equal(countedBefore + ids.Count, await _records.RegisteredCountAsync(agencyCode));
    }

    private static List<Guid> Ids(IReadOnlyDictionary<string, Acknowledgement> acknowledged) => [.. acknowledged.Values.Select(a => Guid.Parse(a.ApplicationId))];

    private static Acknowledgement Normalised(Acknowledgement a) => a with { ApplicationId = Guid.Parse(a.ApplicationId).ToString() };

    private static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
