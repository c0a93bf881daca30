using Google.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Ogi.Assessment.Persistence;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Testing;
using Pb = Ogi.Contracts.Assessment.V1;

namespace Ogi.Assessment.Tests.Service;

/// <summary>Who calls in the functional tests: the city's competent department (固原市人民政府办公室) assesses the units in its care.</summary>
internal static class People
{
    public const string Organiser = SampleAgencies.CityGeneralOffice;

    public static Metadata Administrator(ServiceUnderTest<AssessmentDbContext> svc) =>
        svc.Staff("admin-1", Organiser, StaffRole.CompetentDepartmentAdministrator);

    public static Metadata Assessor(ServiceUnderTest<AssessmentDbContext> svc) => svc.Staff("assessor-1", Organiser, StaffRole.Assessor);

    public static Metadata Leader(ServiceUnderTest<AssessmentDbContext> svc) => svc.Staff("leader-1", Organiser, StaffRole.ApprovingLeader);

    public static Metadata UnitClerk(ServiceUnderTest<AssessmentDbContext> svc, string agency) => svc.Staff("clerk-" + agency[^4..], agency, StaffRole.Clerk);

    public static Metadata UnitHead(ServiceUnderTest<AssessmentDbContext> svc, string agency) => svc.Staff("head-" + agency[^4..], agency, StaffRole.OfficeHead);
}

internal static class Rpc
{
    public static Task<ServiceUnderTest<AssessmentDbContext>> StartAsync(PostgresFixture postgres, TestClock? clock = null, params string[] settings) =>
        ServiceUnderTest.StartAsync<AssessmentDbContext>(postgres, ServiceIdentity.Assessment, AssessmentHost.Configure, AssessmentHost.Map,
            settings: ["--Assessment:OverdueScanSeconds=0.2", .. settings],
            services: s =>
            {
                if (clock is not null)
                {
                    s.AddSingleton<TimeProvider>(clock);
                }
            });

    public static Task<RpcException> RefusedAsync<T>(Func<AsyncUnaryCall<T>> call, StatusCode code, string? ruleId = null) =>
        RefusedAsync(async () => await call().ResponseAsync, code, ruleId);

    /// <summary>Awaits a call that must be refused, and checks the status and (for FAILED_PRECONDITION) the rule id.</summary>
    public static async Task<RpcException> RefusedAsync(Func<Task> call, StatusCode code, string? ruleId = null)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, refused.StatusCode);
        if (ruleId is not null)
        {
            Assert.Equal(ruleId, refused.GetDetail<ErrorInfo>()?.Type);
        }

        return refused;
    }

    public static Pb.Indicator Leaf(string code, string name, Pb.AssessmentArea area, string points) =>
        new() { Code = code, Name = name, Area = area, Points = points };

    /// <summary>Two leaves of 50 points under two areas of 第六条 (百分制).</summary>
    public static Pb.CreateSchemeRequest TwoLeafScheme(Pb.ResultWeights weights, string secondLeafPoints = "50") => new()
    {
        Year = 2026,
        Level = Pb.AgencyLevel.County,
        Indicators =
        {
            new Pb.Indicator
            {
                Code = "1", Name = "组织保障", Area = Pb.AssessmentArea.OrganisationalSupport,
                Children = { Leaf("1.1", "工作机构和人员", Pb.AssessmentArea.OrganisationalSupport, "50") },
            },
            Leaf("4.1", "依申请公开按时答复", Pb.AssessmentArea.DisclosureOnRequest, secondLeafPoints),
        },
        Weights = weights,
    };

    public static Pb.ResultWeights Weights(string routine, string self, string centralised, string thirdParty, string social) =>
        new() { Routine = routine, SelfAssessment = self, Centralised = centralised, ThirdParty = thirdParty, SocialEvaluation = social };

    public static Google.Type.Date Date(int year, int month, int day) => new() { Year = year, Month = month, Day = day };
}

/// <summary>One running service per test class (xunit makes a class instance per test): started by the first test, disposed after the last.</summary>
public sealed class SharedService : IAsyncLifetime
{
    private readonly Lock _lock = new();
    private Task<ServiceUnderTest<AssessmentDbContext>>? _started;

    public Task<ServiceUnderTest<AssessmentDbContext>> GetAsync(Func<Task<ServiceUnderTest<AssessmentDbContext>>> start)
    {
        lock (_lock)
        {
            return _started ??= start();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_started is not null)
        {
            await (await _started).DisposeAsync();
        }
    }
}
