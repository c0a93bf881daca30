using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Identity.Agencies;
using Ogi.Intake.Domain;
using Ogi.Intake.Persistence;

namespace Ogi.Intake.Api;

/// <summary>A checked submission waiting for its transaction: everything but the tracking number is decided.</summary>
/// <param name="Action">The RPC, for the audit row.</param>
/// <param name="Trace">The submitting call's span: its events carry its trace, not the group's.</param>
public sealed record Submission(Guid Id, string SubmittedBy, string RequestId, Agency Agency, Applicant Applicant, RequestDetails Details,
    DateTimeOffset SubmittedAt, string Action, Activity? Trace);

/// <summary>The committed application; <paramref name="Replayed"/> when the platform had already submitted this request id (INT-1).</summary>
public sealed record Submitted(DisclosureApplication Application, bool Replayed);

/// <summary>
/// Group commit for SubmitApplication. Every transaction that registers an application takes the audit trail's lock
/// (one chain per service, held until the commit), locks its agency's tracking-number counter row until the commit
/// (INT-3) and pays for a commit, so under load one submission at a time got through. Submissions that arrive while a
/// group commits wait and go together in the next transaction: one request-id look-up, one counter update per agency
/// and year, one SaveChanges, one audit append, one commit. A lone submission goes straight through (nothing waits for
/// company). No caller is answered before its group has committed; a group that fails is retried member by member, so
/// only the member the database refuses fails. A caller that stops waiting does not cancel its group: the
/// submission may still commit, and its request id makes the platform's retry safe.
/// </summary>
public sealed partial class SubmissionGroupCommit(IServiceScopeFactory scopes, IntakeEventPublisher publisher, TimeProvider clock,
    IMeterFactory meters, ILogger<SubmissionGroupCommit> logger)
{
    public const string QueuedInstrument = "ogi.intake.submissions.queued";

    private const string AggregateType = "Application";
    private const int MaxGroup = 128;

    private readonly ConcurrentQueue<Waiting> _queue = ObservedQueue(meters);
    private int _committing;

    public Task<Submitted> SubmitAsync(Submission submission, CancellationToken cancellationToken)
    {
        var waiting = new Waiting(submission);
        _queue.Enqueue(waiting);
        if (Interlocked.CompareExchange(ref _committing, 1, 0) == 0)
        {
            // The committing loop belongs to no caller: it must not inherit this call's trace or cancellation.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(CommitQueuedAsync, CancellationToken.None);
            }
        }

        return waiting.Result.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The queue, with a gauge of its length: submissions checked and waiting for the next group's transaction.</summary>
    private static ConcurrentQueue<Waiting> ObservedQueue(IMeterFactory meters)
    {
        var queue = new ConcurrentQueue<Waiting>();
        meters.Create("Ogi.Intake").CreateObservableGauge(QueuedInstrument, () => queue.Count, "{submission}",
            "Submissions waiting for the group commit now in progress to finish.");
        return queue;
    }

    private async Task CommitQueuedAsync()
    {
        while (true)
        {
            var group = new List<Waiting>();
            while (group.Count < MaxGroup && _queue.TryDequeue(out var waiting))
            {
                group.Add(waiting);
            }

            if (group.Count > 0)
            {
                await CommitAsync(group);
                continue;
            }

            Volatile.Write(ref _committing, 0);
            // A submission queued between the last look and the release saw the loop running and started none: take it.
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _committing, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private async Task CommitAsync(List<Waiting> group)
    {
        if (group.Count > 1)
        {
            try
            {
                var results = await CommitTogetherAsync(group);
                for (var i = 0; i < group.Count; i++)
                {
                    group[i].Result.SetResult(results[i]);
                }

                return;
            }
#pragma warning disable CA1031 // any failure of the group: its members are retried one by one and each gets its own outcome
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogGroupFailed(logger, group.Count, e.GetType().Name, (e as PostgresException ?? e.InnerException as PostgresException)?.SqlState ?? "");
            }
        }

        foreach (var waiting in group)
        {
            await CommitAloneAsync(waiting);
        }
    }

    private async Task CommitAloneAsync(Waiting waiting)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                waiting.Result.SetResult((await CommitTogetherAsync([waiting]))[0]);
                return;
            }
            catch (ConcurrentChangeException) when (attempt == 1)
            {
                // INT-1: another replica stored the same request id between this look-up and this insert; the next look-up finds it.
            }
#pragma warning disable CA1031 // the caller's call fails with it (mapped to its gRPC status there)
            catch (Exception e)
#pragma warning restore CA1031
            {
                waiting.Result.SetException(e);
                return;
            }
        }
    }

    /// <summary>One transaction for the whole group; the results in the group's order.</summary>
    private async Task<Submitted[]> CommitTogetherAsync(List<Waiting> group)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<ApplicationStore>();
        // A failed group is retried in new transactions, so the savepoint EF would set around SaveChanges buys nothing.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync();

        var submissions = group.Select(w => w.Submission).ToList();
        var existing = await store.FindByRequestsAsync(submissions.Select(s => (s.SubmittedBy, s.RequestId)).ToHashSet());
        var results = new Submitted?[group.Count];
        var firstOfRequest = new Dictionary<(string, string), int>();
        var fresh = new List<int>();
        for (var i = 0; i < submissions.Count; i++)
        {
            var key = (submissions[i].SubmittedBy, submissions[i].RequestId);
            if (existing.TryGetValue(key, out var before))
            {
                results[i] = new Submitted(before, Replayed: true);
            }
            else if (firstOfRequest.TryAdd(key, i))
            {
                fresh.Add(i);
            }
        }

        var sequences = await store.NextSequencesAsync(fresh.Select(i => (submissions[i].Agency.Code, LegalDay.Of(submissions[i].SubmittedAt).Year)).ToList());
        var applications = new List<(DisclosureApplication, string, string, DateTimeOffset)>(fresh.Count);
        var audit = new List<AuditRecord>(fresh.Count);
        var caller = Activity.Current;
        for (var k = 0; k < fresh.Count; k++)
        {
            var s = submissions[fresh[k]];
            var today = LegalDay.Of(s.SubmittedAt);
            var application = DisclosureApplication.Submit(s.Id, s.Agency.Code, TrackingNumber.Format(s.Agency.ShortCode, today.Year, sequences[k]),
                s.RequestId, s.Applicant, s.Details, today, s.SubmittedBy);
            applications.Add((application, s.SubmittedBy, store.VerificationCodeOf(s.Id), s.SubmittedAt));
            Activity.Current = s.Trace;
            publisher.Publish(db, application, application.DequeueEvents());
            Activity.Current = caller;
            // Rows name the application by its tracking number, the id staff know it by.
            audit.Add(new AuditRecord(s.SubmittedBy, s.Action, AggregateType, application.TrackingNumber, "submitted"));
            results[fresh[k]] = new Submitted(application, Replayed: false);
        }

        await store.InsertAsync(applications);
        await store.SaveChangesAsync();
        await AuditTrail.AppendAllAsync(db, audit, clock);
        await transaction.CommitAsync();

        // INT-1: the same request id twice in one group is one application; the later callers get it as a replay.
        for (var i = 0; i < results.Length; i++)
        {
            results[i] ??= results[firstOfRequest[(submissions[i].SubmittedBy, submissions[i].RequestId)]]! with { Replayed = true };
        }

        return results!;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group of {Count} submissions failed ({Error} {SqlState}); committing its members one by one")]
    private static partial void LogGroupFailed(ILogger logger, int count, string error, string sqlState);

    private sealed class Waiting(Submission submission)
    {
        public Submission Submission { get; } = submission;

        // Continuations run on the pool, not on the committing loop, which goes on to the next group.
        public TaskCompletionSource<Submitted> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
