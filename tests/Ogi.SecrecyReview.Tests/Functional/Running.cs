using Google.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Testing;
using Ogi.SecrecyReview.Persistence;
using In = Ogi.Contracts.Intake.V1;
using Pb = Ogi.Contracts.Review.V1;

namespace Ogi.SecrecyReview.Tests.Functional;

/// <summary>
/// One secrecy-review host per test class, wired as Program.cs wires it, on the test PostgreSQL with a settable clock.
/// Tests of a class run one after another and each works on its own items, so they share it.
/// </summary>
public sealed class RunningService : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ServiceUnderTest<SecrecyReviewDbContext>? _service;

    /// <summary>Monday 2026-11-02, 09:00 China time.</summary>
    public TestClock Clock { get; } = new(new DateOnly(2026, 11, 2));

    public async Task<ServiceUnderTest<SecrecyReviewDbContext>> StartAsync(PostgresFixture postgres)
    {
        await _gate.WaitAsync();
        try
        {
            return _service ??= await ServiceUnderTest.StartAsync<SecrecyReviewDbContext>(postgres, ServiceIdentity.SecrecyReview,
                SecrecyReviewHost.Configure, SecrecyReviewHost.Map, services: s => s.AddSingleton<TimeProvider>(Clock));
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        _gate.Dispose();
    }
}

/// <summary>The people and agencies of the scenarios, and the steps every review goes through.</summary>
internal static class Running
{
    public const string Agency = SampleAgencies.XijiHousing;
    public const string OtherAgency = SampleAgencies.LongdeHealth;
    public const string CoProducer = SampleAgencies.XijiGeneralOffice;

    public const string Clerk = "clerk-1";
    public const string Head = "head-1";
    public const string Reviewer = "reviewer-1";
    public const string Leader = "leader-1";

    public static Pb.ReviewService.ReviewServiceClient Client(this ServiceUnderTest<SecrecyReviewDbContext> svc) => new(svc.Channel);

    public static Metadata AsClerk(this ServiceUnderTest<SecrecyReviewDbContext> svc) => svc.Staff(Clerk, Agency, StaffRole.Clerk);

    public static Metadata AsHead(this ServiceUnderTest<SecrecyReviewDbContext> svc) => svc.Staff(Head, Agency, StaffRole.OfficeHead);

    public static Metadata AsReviewer(this ServiceUnderTest<SecrecyReviewDbContext> svc) => svc.Staff(Reviewer, Agency, StaffRole.Reviewer);

    /// <summary>SR-8: the same reviewer as a member of the general office (办公室/综合科).</summary>
    public static Metadata AsGeneralOfficeReviewer(this ServiceUnderTest<SecrecyReviewDbContext> svc) =>
        svc.Staff(Reviewer, Agency, StaffRole.Reviewer, StaffRole.GeneralOffice);

    public static Metadata AsLeader(this ServiceUnderTest<SecrecyReviewDbContext> svc) => svc.Staff(Leader, Agency, StaffRole.ApprovingLeader);

    public static Google.Type.Date Day(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    /// <summary>What intake publishes for a document its reply would release.</summary>
    public static In.ReviewRequested FromIntake(string applicationId, string documentId, string text) => new()
    {
        ApplicationId = applicationId,
        AgencyCode = Agency,
        DocumentId = documentId,
        Title = "解放碑片区老旧小区改造项目实施方案（答复材料）",
        Text = text,
        SubmittedBy = Clerk,
        ReplyDeadline = Day(2026, 11, 30),
    };

    public static Pb.SubmitProactiveItemRequest Proactive(string text, params string[] coProducers) => new()
    {
        AgencyCode = Agency,
        Title = "西吉县2026年农村危房改造补助资金分配结果公示",
        Text = text,
        FormedOrChangedOn = Day(2026, 11, 2),
        CoProducers = { coProducers },
    };

    /// <summary>SR-6: all five questions answered "no", each with a note.</summary>
    public static Pb.RecordChecklistRequest NothingFound(string reviewId) => new()
    {
        ReviewId = reviewId,
        Answers =
        {
            Enum.GetValues<Pb.ChecklistQuestion>().Where(q => q != Pb.ChecklistQuestion.Unspecified)
                .Select(q => new Pb.ChecklistAnswer { Question = q, Yes = false, Note = "逐项核对原文，未发现" }),
        },
    };

    public static Pb.Opinion Public(string basis = "《中华人民共和国政府信息公开条例》第十九条", string reason = "属于应当主动公开的信息，不涉及国家秘密") =>
        new() { Kind = Pb.OpinionKind.Public, Basis = basis, Reason = reason };

    /// <summary>Names reviewer and leader, and answers the checklist: the review is ready for findings and opinion.</summary>
    public static async Task<Pb.Review> ReadyForOpinionAsync(this ServiceUnderTest<SecrecyReviewDbContext> svc, string reviewId, Metadata? reviewer = null)
    {
        var client = svc.Client();
        await client.AssignReviewersAsync(new Pb.AssignReviewersRequest { ReviewId = reviewId, Reviewer = Reviewer, ApprovingLeader = Leader }, svc.AsHead());
        return (await client.RecordChecklistAsync(NothingFound(reviewId), reviewer ?? svc.AsReviewer())).Review;
    }

    /// <summary>Resolves every finding as kept, with a justification (SR-7).</summary>
    public static async Task<Pb.Review> KeepAllFindingsAsync(this ServiceUnderTest<SecrecyReviewDbContext> svc, Pb.Review review, Metadata? reviewer = null)
    {
        foreach (var finding in review.Findings)
        {
            review = (await svc.Client().ResolveFindingAsync(new Pb.ResolveFindingRequest
            {
                ReviewId = review.ReviewId,
                FindingNumber = finding.Number,
                Disposition = Pb.FindingDisposition.Kept,
                Justification = "已核实，可以公开",
            }, reviewer ?? svc.AsReviewer())).Review;
        }

        return review;
    }

    /// <summary>The rule id a FAILED_PRECONDITION names.</summary>
    public static async Task<string> RuleOfAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        return error.GetDetail<ErrorInfo>()!.Type;
    }

    /// <summary>The field an INVALID_ARGUMENT names.</summary>
    public static async Task<string> FieldOfAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        return error.GetDetail<BadRequest>()!.FieldViolations.First().Field;
    }
}
