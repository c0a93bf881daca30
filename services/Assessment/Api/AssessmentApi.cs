using Microsoft.EntityFrameworkCore;
using Ogi.Assessment.Domain.Consequences;
using Ogi.Assessment.Persistence;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Identity.Access;
using Ogi.BuildingBlocks.Identity.Agencies;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Identity.Rpc;
using Ogi.BuildingBlocks.Messaging;
using Pb = Ogi.Contracts.Assessment.V1;

namespace Ogi.Assessment.Api;

/// <summary>
/// The assessment service's gRPC API (domain.md §5). Each command loads its aggregate, lets the domain decide, and
/// saves the change, its audit row and its events in one transaction. Domain refusals become gRPC statuses in the runtime.
/// </summary>
public sealed partial class AssessmentApi(AssessmentDbContext db, AgencyScope scope, Outbox outbox, TimeProvider time,
    DeadlineCalculator calendar, AgencyDirectory directory) : Pb.AssessmentService.AssessmentServiceBase
{
    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Today in China (+08:00), the day dates and deadlines are counted in.</summary>
    private DateOnly Today => DateOnly.FromDateTime(Now.ToOffset(WorkingDayCalendar.ChinaOffset).DateTime);

    private static Principal Caller(ServerCallContext context) => context.Caller();

    private static string CallerAgency(ServerCallContext context) =>
        Caller(context).AgencyCode ?? throw new AccessDeniedException("staff act for an agency; the token names none");

    /// <summary>AS-6/AS-7: 20 working days from the notice (CAL-2), by the profile of the agency that must rectify.</summary>
    private RectificationDeadline RectificationDue(string agencyCode, DateOnly noticeDate) =>
        RectificationDeadline.Compute(calendar.Calendars.Current, calendar.ProfileFor(agencyCode), noticeDate);

    private async Task SaveAsync(ServerCallContext context, string aggregateType, string aggregateId, string outcome)
    {
        try
        {
            await db.SaveChangesAuditedAsync(AuditRecord.Of(context, aggregateType, aggregateId, outcome), time, context.CancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrentChangeException($"{aggregateType} {aggregateId} was changed by someone else; read it again and retry");
        }
    }

    private static RectificationRow RectificationRowOf(Rectification r) => new()
    {
        Id = r.Id,
        AgencyCode = r.AgencyCode,
        Origin = r.Origin.ToString(),
        SourceId = r.SourceId,
        Problems = r.Problems,
        NoticeDate = r.Deadline.NoticeDate,
        DueDate = r.Deadline.DueDate,
        Provisional = r.Deadline.IsProvisional,
        CalendarVersion = r.Deadline.CalendarVersion,
        ProfileName = r.Deadline.ProfileName,
    };

    internal static Rectification Rehydrate(RectificationRow row)
    {
        var rectification = new Rectification(row.Id, row.AgencyCode, Enum.Parse<RectificationOrigin>(row.Origin), row.SourceId, row.Problems,
            new RectificationDeadline(row.NoticeDate, row.DueDate, row.Provisional, row.CalendarVersion, row.ProfileName));
        if (row.ReportFiledOn is { } filed)
        {
            rectification.FileReport(filed, row.Report!);
        }

        if (row.Adequate is { } adequate)
        {
            rectification.Conclude(adequate, row.Measure is null ? null : Enum.Parse<AccountabilityMeasure>(row.Measure), row.ConclusionReason ?? "",
                row.DecidedBy!, row.DecidedAt!.Value);
        }

        return rectification;
    }

    private static Pb.Rectification ToProto(RectificationRow r) => new()
    {
        RectificationId = r.Id.ToString(),
        AgencyCode = r.AgencyCode,
        Origin = Convert.Enum<Pb.RectificationOrigin>(Enum.Parse<RectificationOrigin>(r.Origin)),
        SourceId = r.SourceId.ToString(),
        Problems = r.Problems,
        NoticeDate = Convert.Date(r.NoticeDate),
        DueDate = Convert.Date(r.DueDate),
        ReportFiledOn = Convert.Date(r.ReportFiledOn),
        Report = r.Report ?? "",
        FiledLate = r.ReportFiledOn > r.DueDate,
        Concluded = r.Adequate is not null,
        Adequate = r.Adequate == true,
        Measure = r.Measure is null ? Pb.AccountabilityMeasure.Unspecified : Convert.Enum<Pb.AccountabilityMeasure>(Enum.Parse<AccountabilityMeasure>(r.Measure)),
        OverdueReportedOn = Convert.Date(r.OverdueReportedOn),
    };
}
