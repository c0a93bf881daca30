using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Testing;
using Ogi.Contracts.Intake.V1;
using Ogi.Intake.Persistence;

namespace Ogi.Intake.Tests.Functional;

/// <summary>
/// The intake host started with its production wiring (IntakeHost) on the test PostgreSQL, a settable clock, and the
/// callers the scenarios need: a platform, clerks and office heads of one agency, and staff of others.
/// </summary>
public sealed class IntakeHostUnderTest : IAsyncDisposable
{
    public const string Agency = SampleAgencies.XijiHousing;
    public const string OtherAgency = SampleAgencies.LongdeHealth;
    public const string Clerk = "clerk-1";
    public const string OfficeHead = "head-1";

    private static int _requests;

    private IntakeHostUnderTest(ServiceUnderTest<IntakeDbContext> service, TestClock clock)
    {
        Service = service;
        Clock = clock;
        Client = new IntakeService.IntakeServiceClient(service.Channel);
    }

    public ServiceUnderTest<IntakeDbContext> Service { get; }

    public TestClock Clock { get; }

    public IntakeService.IntakeServiceClient Client { get; }

    public Metadata Platform => Service.Platform();

    public Metadata ClerkCall => Service.Staff(Clerk, Agency, StaffRole.Clerk);

    public Metadata HeadCall => Service.Staff(OfficeHead, Agency, StaffRole.OfficeHead);

    public static async Task<IntakeHostUnderTest> StartAsync(PostgresFixture postgres, DateOnly today, params string[] settings)
    {
        var clock = new TestClock(today);
        var service = await ServiceUnderTest.StartAsync<IntakeDbContext>(postgres, ServiceIdentity.Intake, IntakeHost.Configure, IntakeHost.Map,
            settings: ["--Intake:ApplicantKeySecret=functional-test-applicant-key-secret-0123456789", .. settings],
            services: s => s.AddSingleton<TimeProvider>(clock));
        return new IntakeHostUnderTest(service, clock);
    }

    public static SubmitApplicationRequest Request(SubmissionChannel channel = SubmissionChannel.InPerson, string? requestId = null, string agency = Agency,
        string? idNumber = null, ApplicationKind kind = ApplicationKind.Disclosure) => new()
        {
            RequestId = requestId ?? $"req-{Interlocked.Increment(ref _requests)}-{Guid.NewGuid():N}",
            AgencyCode = agency,
            Applicant = new Applicant
            {
                Type = ApplicantType.NaturalPerson,
                Name = "张三",
                DocumentType = IdentityDocumentType.ResidentIdCard,
                DocumentNumber = idNumber ?? Given.ValidIdNumber,
                Phone = "13812345678",
            },
            Request = new RequestDetails
            {
                Kind = kind,
                Description = "2025年本区老旧小区改造项目资金安排情况",
                Form = RequestedForm.Electronic,
                Delivery = DeliveryChannel.Email,
                Channel = channel,
            },
        };

    /// <summary>Submitted in person today: received today, the clock runs (INT-2).</summary>
    public async Task<ApplicationView> ReceivedTodayAsync(SubmitApplicationRequest? request = null) =>
        (await Client.SubmitApplicationAsync(request ?? Request(), Platform)).Application;

    public async Task<ApplicationView> GetAsync(string id) =>
        (await Client.GetApplicationAsync(new GetApplicationRequest { ApplicationId = id }, ClerkCall)).Application;

    /// <summary>One pass of the deadline monitor, as its loop runs it.</summary>
    public Task<int> MonitorAsync() => Service.Services.GetRequiredService<Monitoring.DeadlineMonitor>().RunOnceAsync();

    public ValueTask DisposeAsync() => Service.DisposeAsync();
}

internal static class Refusal
{
    public static async Task<RpcException> Of(Func<Task> call)
    {
        return await Assert.ThrowsAsync<RpcException>(call);
    }

    public static async Task RuleAsync(string ruleId, Func<Task> call)
    {
        var error = await Of(call);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(ruleId, error.GetDetail<Google.Rpc.ErrorInfo>()!.Type);
    }

    public static async Task InvalidAsync(string field, Func<Task> call)
    {
        var error = await Of(call);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(field, error.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Field));
    }

    public static async Task StatusAsync(StatusCode code, Func<Task> call) => Assert.Equal(code, (await Of(call)).StatusCode);
}

internal static class Dates
{
    public static DateOnly ToDateOnly(this Google.Type.Date date) => new(date.Year, date.Month, date.Day);

    public static Google.Type.Date ToDate(this DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };

    public static DateOnly D(int year, int month, int day) => new(year, month, day);
}

internal static class NoPersonalData
{
    /// <summary>INT-13 / domain.md §0: an event's bytes carry neither the applicant's name, ID number nor phone.</summary>
    public static void In(Google.Protobuf.IMessage message)
    {
        var text = message.ToString() + System.Text.Encoding.UTF8.GetString(Google.Protobuf.MessageExtensions.ToByteArray(message));
        Assert.DoesNotContain("张三", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Given.ValidIdNumber, text, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", text, StringComparison.Ordinal);
    }
}
