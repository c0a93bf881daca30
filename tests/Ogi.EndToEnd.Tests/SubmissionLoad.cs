using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Grpc.Client;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Identity.Rpc;
using Ogi.BuildingBlocks.Identity.Tokens;
using Ogi.BuildingBlocks.Testing;
using Ogi.Contracts.Intake.V1;

namespace Ogi.EndToEnd.Tests;

/// <summary>What intake answered for one platform request id.</summary>
public sealed record Acknowledgement(string ApplicationId, string TrackingNumber);

/// <summary>
/// A provincial platform submitting a steady stream of in-person applications from several concurrent callers, each
/// with its own request ids. A call that fails in transport or on the server (service killed, database away) is
/// retried with the SAME request id until intake acknowledges it — submission is idempotent on it (INT-1) — so once
/// stopped, every request id issued has exactly one acknowledgement, and the acknowledged set is what the platform
/// may rely on. Refusals (bad input, access) are not retried: they fail the load.
/// </summary>
public sealed class SubmissionLoad : IAsyncDisposable
{
    // What a caller may see while a service restarts or the database is away; the call may or may not have committed.
    private static readonly HashSet<StatusCode> Retryable =
        [StatusCode.Unavailable, StatusCode.Internal, StatusCode.Unknown, StatusCode.Aborted, StatusCode.DeadlineExceeded, StatusCode.Cancelled];

    private readonly ConcurrentDictionary<string, Acknowledgement> _acknowledged = new();
    private readonly CancellationTokenSource _stopIssuing = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly GrpcChannel _channel;
    private readonly IntakeService.IntakeServiceClient _client;
    private readonly Metadata _headers;
    private readonly string _agencyCode;
    private readonly ApplicantType _applicantType;
    private readonly string _prefix = Guid.NewGuid().ToString("N")[..8];
    private Task[] _callers = [];

    private int _retries;

    private SubmissionLoad(PlatformRun platform, string platformClientId, string agencyCode, ApplicantType applicantType)
    {
        PlatformClientId = platformClientId;
        _agencyCode = agencyCode;
        _applicantType = applicantType;
        _channel = platform.Channel(ServiceIdentity.Intake);
        _client = new IntakeService.IntakeServiceClient(_channel);
        // The launcher's services run in Development and accept the well-known development key.
        var token = DevelopmentTokens.FromConfiguration(new ConfigurationBuilder().Build(), "Development").MintProvincialPlatform(platformClientId);
        _headers = BearerToken.Headers(token);
    }

    /// <summary>The platform's client id: intake keys request ids by it, so a test's own id isolates its submissions.</summary>
    public string PlatformClientId { get; }

    public int AcknowledgedCount => _acknowledged.Count;

    /// <summary>Failed calls retried, for the test's log (tests assert on the acknowledged set, not on attempts).</summary>
    public int Retries => _retries;

    /// <summary>The submissions acknowledged so far.</summary>
    public IReadOnlyDictionary<string, Acknowledgement> Acknowledged => new Dictionary<string, Acknowledgement>(_acknowledged);

    public static SubmissionLoad Start(PlatformRun platform, string agencyCode, ApplicantType applicantType, int callers = 4)
    {
        var load = new SubmissionLoad(platform, $"fault-platform-{Guid.NewGuid():N}", agencyCode, applicantType);
        load._callers = [.. Enumerable.Range(0, callers).Select(caller => Task.Run(() => load.CallerAsync(caller)))];
        return load;
    }

    /// <summary>Waits until at least <paramref name="count"/> submissions are acknowledged in all.</summary>
    public async Task WaitForAcknowledgedAsync(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (_acknowledged.Count < count)
        {
            var failed = _callers.FirstOrDefault(c => c.IsFaulted);
            if (failed is not null)
            {
                await failed; // surfaces the refusal that stopped a caller
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Only {_acknowledged.Count} of {count} submissions were acknowledged within {timeout.TotalSeconds:0} s ({_retries} retries)");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Stops issuing new request ids, lets every caller retry its last one until acknowledged, and returns the
    /// acknowledged set (request id → application).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Acknowledgement>> StopAsync(TimeSpan? drain = null)
    {
        await _stopIssuing.CancelAsync();
        _abandon.CancelAfter(drain ?? TimeSpan.FromSeconds(45));
        await Task.WhenAll(_callers);
        return new Dictionary<string, Acknowledgement>(_acknowledged);
    }

    private async Task CallerAsync(int caller)
    {
        for (var n = 0; !_stopIssuing.IsCancellationRequested; n++)
        {
            var requestId = $"{_prefix}-{caller}-{n}";
            _acknowledged[requestId] = await SubmitUntilAcknowledgedAsync(requestId);
        }
    }

    private async Task<Acknowledgement> SubmitUntilAcknowledgedAsync(string requestId)
    {
        var request = new SubmitApplicationRequest
        {
            RequestId = requestId,
            AgencyCode = _agencyCode,
            Applicant = new Applicant { Type = _applicantType, Name = "某律师事务所", DocumentType = IdentityDocumentType.UnifiedSocialCreditCode, DocumentNumber = "91350100M000100Y43", Email = "office@example.org" },
            Request = new RequestDetails
            {
                Kind = ApplicationKind.Disclosure,
                Description = "本机关2025年度行政处罚案件数量",
                Form = RequestedForm.Electronic,
                Delivery = DeliveryChannel.Email,
                // In person the application is registered at once (INT-2), so its ApplicationRegistered event flows with the submission.
                Channel = SubmissionChannel.InPerson,
            },
        };
        while (true)
        {
            _abandon.Token.ThrowIfCancellationRequested();
            try
            {
                var reply = await _client.SubmitApplicationAsync(request, _headers, DateTime.UtcNow.AddSeconds(5), _abandon.Token);
                return new Acknowledgement(reply.Application.ApplicationId, reply.Application.TrackingNumber);
            }
            catch (RpcException e) when (Retryable.Contains(e.StatusCode))
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(100, _abandon.Token);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopIssuing.CancelAsync();
        await _abandon.CancelAsync();
        try
        {
            await Task.WhenAll(_callers);
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException or TimeoutException)
        {
            // Abandoned on a failing test; the test's own assertion says why.
        }

        _channel.Dispose();
        _stopIssuing.Dispose();
        _abandon.Dispose();
    }
}
