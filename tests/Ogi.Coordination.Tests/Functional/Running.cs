using Google.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Testing;
using Ogi.Coordination.Persistence;
using Pb = Ogi.Contracts.Coordination.V1;

namespace Ogi.Coordination.Tests.Functional;

/// <summary>The coordination host as Program.cs wires it, on the test PostgreSQL, with a settable clock and a fast lapse scan.</summary>
internal static class Running
{
    /// <summary>The releasing agency: its competent department is the city general office.</summary>
    public const string Releasing = SampleAgencies.CityNaturalResources;
    public const string Housing = SampleAgencies.XijiHousing;
    public const string Health = SampleAgencies.LongdeHealth;
    public const string Department = SampleAgencies.CityGeneralOffice;

    /// <summary>Wednesday before the National Day holiday (2026-10-01 … 10-07, Saturday 10-10 a working day).</summary>
    public static readonly DateOnly EveOfNationalDay = new(2026, 9, 30);

    public static Task<ServiceUnderTest<CoordinationDbContext>> StartAsync(PostgresFixture postgres, TestClock clock, params string[] settings) =>
        ServiceUnderTest.StartAsync<CoordinationDbContext>(postgres, ServiceIdentity.Coordination,
            CoordinationHost.Configure, CoordinationHost.Map,
            settings: ["--Coordination:LapseScanSeconds=0.2", .. settings],
            services: s => s.AddSingleton<TimeProvider>(clock));

    public static Pb.CoordinationService.CoordinationServiceClient Client(this ServiceUnderTest<CoordinationDbContext> svc) => new(svc.Channel);

    public static Metadata Coordinator(this ServiceUnderTest<CoordinationDbContext> svc, string agency, string person = "coord-1") =>
        svc.Staff(person, agency, StaffRole.Coordinator);

    public static Google.Type.Date Day(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };

    public static Google.Type.Date Day(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    public static Pb.AgencyConcerned Concerned(string code, Pb.ConcernGround ground = Pb.ConcernGround.Content) =>
        new() { AgencyCode = code, AgencyName = code == Housing ? "西吉县住房和城乡建设局" : "隆德县卫生健康局", Ground = ground };

    /// <summary>What intake publishes when a document of an application concerns other agencies or third parties.</summary>
    public static Pb.CoordinationRequested FromIntake(string requestId, string applicationId, params Pb.AgencyConcerned[] agencies) => new()
    {
        RequestId = requestId,
        Source = Pb.ItemSource.Application,
        ItemReference = $"{applicationId}/doc-1",
        ApplicationId = applicationId,
        AgencyCode = Releasing,
        Title = "固原市2026年度地质灾害防治专项资金分配方案",
        DraftText = "根据《地质灾害防治条例》，2026年度专项资金按以下方案分配……（拟公开全文）",
        AgenciesConcerned = { agencies },
        RequestedBy = "clerk-7",
    };

    public static Pb.OpenCoordinationRequest Opening(params Pb.AgencyConcerned[] agencies) => new()
    {
        AgencyCode = Releasing,
        ItemReference = "固自然资发〔2026〕31号",
        Title = "关于西吉县、隆德县土地整治项目的公告",
        FullDraft = "经研究，决定在西吉县、隆德县实施土地整治项目……（拟发布全文）",
        AgenciesConcerned = { agencies },
    };

    /// <summary>The rule id a FAILED_PRECONDITION names.</summary>
    public static string RuleOf(RpcException error)
    {
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        return error.GetDetail<ErrorInfo>()!.Type;
    }

    public static string FieldOf(RpcException error)
    {
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        return error.GetDetail<BadRequest>()!.FieldViolations.First().Field;
    }
}
