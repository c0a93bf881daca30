using Ogi.Accountability.Persistence;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Ogi.Contracts.Accountability.V1;
using Ogi.Contracts.Intake.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Ogi.Accountability.Tests.Service;

/// <summary>
/// The accountability host as Program.cs wires it, on a fresh database, with a settable clock, and the callers a case
/// meets: 原州区教育局 is the unit concerned, 原州区人民政府 (the level above, AC-4) handles its cases.
/// </summary>
public sealed class AccountabilityFixture : IAsyncLifetime
{
    public const string Unit = SampleAgencies.YuanzhouEducation;
    public const string Handling = SampleAgencies.Yuanzhou;

    private readonly PostgresFixture _postgres;
    private ServiceUnderTest<AccountabilityDbContext>? _service;

    public AccountabilityFixture(PostgresFixture postgres) => _postgres = postgres;

    public TestClock Clock { get; } = new(new DateOnly(2026, 3, 2));

    public ServiceUnderTest<AccountabilityDbContext> Host => _service ?? throw new InvalidOperationException("not started");

    public Contracts.Accountability.V1.AccountabilityService.AccountabilityServiceClient Client { get; private set; } = null!;

    public Metadata Supervisor => Host.Staff("sup-yz-01", Handling, StaffRole.Supervisor);

    public Metadata Leader => Host.Staff("leader-yz-01", Handling, StaffRole.ApprovingLeader);

    public Metadata Investigator1 => Host.Staff("inv-yz-01", Handling, StaffRole.Supervisor);

    public Metadata Platform => Host.Platform("ningxia-platform");

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest.StartAsync<AccountabilityDbContext>(_postgres, ServiceIdentity.Accountability,
            AccountabilityHost.Configure, AccountabilityHost.Map,
            // The watch runs on demand in the tests (EscalateOverdueAsync), not on its own timer.
            settings: ["--Accountability:RectificationWatchSeconds=86400"],
            services: s => s.AddSingleton<TimeProvider>(Clock));
        Client = new Contracts.Accountability.V1.AccountabilityService.AccountabilityServiceClient(Host.Channel);
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    /// <summary>AC-1: intake reports a breached deadline; returns the case it opened.</summary>
    public async Task<Case> BreachAsync(string applicationId, DateOnly? detectedOn = null)
    {
        var status = await Host.DeliverAsync(Topics.Intake, Breach(applicationId, detectedOn));
        Assert.Equal(Dapr.Proto.Runtime.V1.TopicEventResponse.Types.TopicEventResponseStatus.Success, status);
        return await FindBySourceAsync(applicationId);
    }

    public DeadlineBreached Breach(string applicationId, DateOnly? detectedOn = null) => new()
    {
        ApplicationId = applicationId,
        AgencyCode = Unit,
        TrackingNumber = "YZJY-2026-" + applicationId,
        Deadline = Date(Clock.Today.AddDays(-1)),
        HandlerId = "clerk-yzjy-01",
        DetectedOn = Date(detectedOn ?? Clock.Today),
    };

    public async Task<IReadOnlyList<Case>> CasesAsync(string? reference = null)
    {
        var response = await Client.ListCasesAsync(new ListCasesRequest { PageSize = 200 }, Supervisor);
        return response.Cases.Where(c => reference is null || c.SourceReference == reference).ToList();
    }

    public async Task<Case> FindBySourceAsync(string reference) => Assert.Single(await CasesAsync(reference));

    /// <summary>AC-5: two investigators, evidence, the facts, every accountable person's defence, the proposal.</summary>
    public async Task<Case> ReadyToDecideAsync(string caseId, CaseFacts facts)
    {
        await Client.StartInvestigationAsync(new StartInvestigationRequest { CaseId = caseId, Investigators = { "inv-yz-01", "inv-yz-02" } }, Supervisor);
        await Client.RecordEvidenceAsync(new RecordEvidenceRequest { CaseId = caseId, Description = "申请登记簿与答复记录" }, Investigator1);
        var established = (await Client.EstablishFactsAsync(new EstablishFactsRequest { CaseId = caseId, Facts = facts }, Supervisor)).Case;
        foreach (var person in established.Responsibilities.Where(r => r.Kind != ResponsibilityKind.Exempt))
        {
            await Client.RecordDefenceAsync(new RecordDefenceRequest { CaseId = caseId, Respondent = person.PersonRef, Statement = "对事实无异议" }, Supervisor);
        }

        return (await Client.ProposeMeasuresAsync(new ProposeMeasuresRequest { CaseId = caseId }, Supervisor)).Case;
    }

    /// <summary>A breach case for <paramref name="handler"/> taken to a decision that adopts the proposal.</summary>
    public async Task<Case> DecidedBreachAsync(string applicationId, string handler, DateOnly occurredOn, params MitigatingFactor[] mitigating)
    {
        var opened = await BreachAsync(applicationId);
        await ReadyToDecideAsync(opened.CaseId, Facts(handler, occurredOn, mitigating: mitigating));
        return (await Client.DecideCaseAsync(new DecideCaseRequest { CaseId = opened.CaseId, RectificationDue = Date(Clock.Today.AddDays(30)) }, Leader)).Case;
    }

    public static CaseFacts Facts(string handler, DateOnly occurredOn, Severity severity = Severity.General, ActParticipants? act = null,
        IEnumerable<string>? objected = null, IEnumerable<MitigatingFactor>? mitigating = null) => new()
        {
            Violation = ViolationType.ApplicationMishandled,
            Severity = severity,
            OccurredOn = Date(occurredOn),
            Act = act ?? new ActParticipants { Path = DecisionPath.HandlerAlone, Handler = handler },
            ObjectedOnRecord = { objected ?? [] },
            Mitigating = { mitigating ?? [] },
        };

    public static Google.Type.Date Date(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };

    public static async Task<RpcException> RefusedAsync<T>(AsyncUnaryCall<T> call) => await Assert.ThrowsAsync<RpcException>(async () => await call);

    /// <summary>FAILED_PRECONDITION naming <paramref name="ruleId"/> in ErrorInfo.</summary>
    public static async Task AssertRuleAsync<T>(string ruleId, AsyncUnaryCall<T> call)
    {
        var refused = await RefusedAsync(call);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal(ruleId, refused.GetDetail<Google.Rpc.ErrorInfo>()?.Type);
    }

    /// <summary>INVALID_ARGUMENT naming <paramref name="field"/>.</summary>
    public static async Task AssertFieldAsync<T>(string field, AsyncUnaryCall<T> call)
    {
        var refused = await RefusedAsync(call);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains(refused.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations, v => v.Field == field);
    }
}
