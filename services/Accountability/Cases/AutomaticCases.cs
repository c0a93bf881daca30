using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ogi.Accountability.Domain.Cases;
using Ogi.Accountability.Persistence;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Messaging.Receiving;
using Ogi.Contracts.Assessment.V1;
using Ogi.Contracts.Coordination.V1;
using Ogi.Contracts.Intake.V1;
using Ogi.Contracts.Review.V1;

namespace Ogi.Accountability.Cases;

/// <summary>
/// AC-1: cases opened by other services' events, each on its producer's own topic. The inbox drops a redelivered
/// event; the case key drops the same source sent again as a new event: one source, one case.
/// </summary>
public static partial class AutomaticCases
{
    public static void Subscribe(EventSubscriptions<AccountabilityDbContext> events) => events
        .Subscribe<DeadlineBreached>(Topics.Intake, (e, context, ct) =>
            OpenAsync(context, new CaseSource(SourceKind.DeadlineBreached, e.ApplicationId), e.AgencyCode,
                Date(e.DetectedOn), CaseImportance.General, ct))
        .Subscribe<ViolationDetected>(Topics.SecrecyReview, (e, context, ct) =>
            OpenAsync(context, new CaseSource(e.Kind == ViolationKind.ReleaseWithoutReview ? SourceKind.ReleaseWithoutReview : SourceKind.ClassifiedItemReleased, e.ViolationId),
                e.AgencyCode, e.DetectedAt is null ? null : ChinaDate.Of(e.DetectedAt.ToDateTimeOffset()),
                // A state secret out in the open is for the leading group (seed 001 第五条 重要问题).
                e.Kind == ViolationKind.ReleaseWithoutReview ? CaseImportance.General : CaseImportance.Important, ct))
        .Subscribe<RectificationOverdue>(Topics.Assessment, (e, context, ct) =>
            OpenAsync(context, new CaseSource(e.Origin == RectificationOrigin.SocialEvaluationProblem ? SourceKind.SocialEvaluationNotRectified : SourceKind.UnqualifiedUnitNotRectified, e.RectificationId),
                e.AgencyCode, Date(e.DetectedOn), CaseImportance.General, ct))
        .Subscribe<AssessmentResultsPublished>(Topics.Assessment, FollowUpFailedUnitsAsync)
        .Subscribe<InconsistencyReported>(Topics.Coordination, (e, context, ct) =>
            OpenAsync(context, new CaseSource(SourceKind.InconsistencyReported, e.ReportId), e.AgencyCode, Date(e.ReportedOn), CaseImportance.General, ct));

    /// <summary>
    /// AS-6 (seed 001 七) 不合格 follow-up: every 不合格 unit is kept; a unit graded 不合格 again the year after, i.e.
    /// still short after its rectification, is a case (一 per assessment and unit). Overdue reports come separately.
    /// </summary>
    private static async Task FollowUpFailedUnitsAsync(AssessmentResultsPublished e, HandlerContext<AccountabilityDbContext> context, CancellationToken ct)
    {
        var published = e.PublishedAt is null ? (DateOnly?)null : ChinaDate.Of(e.PublishedAt.ToDateTimeOffset());
        foreach (var failed in e.Results.Where(r => r.Grade == Grade.Fail).Select(r => r.AgencyCode).Distinct())
        {
            if (!await context.Db.FailedAssessments.AnyAsync(f => f.AssessmentId == e.AssessmentId && f.AgencyCode == failed, ct))
            {
                context.Db.FailedAssessments.Add(new FailedAssessmentRow { AssessmentId = e.AssessmentId, AgencyCode = failed, Year = e.Year, Level = e.Level.ToString() });
            }

            if (await context.Db.FailedAssessments.AnyAsync(f => f.AgencyCode == failed && f.Year == e.Year - 1, ct))
            {
                await OpenAsync(context, new CaseSource(SourceKind.UnqualifiedUnitNotRectified, $"assessment/{e.AssessmentId}/{failed}"), failed,
                    published, CaseImportance.Important, ct);
            }
        }
    }

    private static async Task OpenAsync(HandlerContext<AccountabilityDbContext> context, CaseSource source, string agencyCode,
        DateOnly? openedOn, CaseImportance importance, CancellationToken ct)
    {
        var services = context.Services;
        var store = services.GetRequiredService<CaseStore>();
        if (await store.FindByKeyAsync(source.CaseKey, ct) is not null)
        {
            return;
        }

        var units = services.GetRequiredService<Units>();
        var unit = units.Resolve(agencyCode, "agency_code");
        var @case = AccountabilityCase.Open(Guid.NewGuid(), source, unit, openedOn ?? ChinaDate.Today(services.GetRequiredService<TimeProvider>()),
            importance, units.Above, services.GetRequiredService<AccountabilityProfile>());
        await store.AddAsync(@case, @case.Routing!.HandlingAgencyCode, null, ct);
        await AuditTrail.AppendAsync(context.Db,
            new AuditRecord(ServiceIdentity.Accountability.Name, $"event:{context.Topic}", "case", @case.Id.ToString(), "opened", source.Kind.ToString()),
            services.GetRequiredService<TimeProvider>(), ct);
        LogOpened(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AutomaticCases)), @case.Id, source.Kind, @case.Routing.HandlingAgencyCode);
    }

    private static DateOnly? Date(Google.Type.Date? date) =>
        date is { Year: > 0, Month: > 0, Day: > 0 } d ? new DateOnly(d.Year, d.Month, d.Day) : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened case {CaseId} from {Source}, handled by {HandlingAgency}")]
    private static partial void LogOpened(ILogger logger, Guid caseId, SourceKind source, string handlingAgency);
}
