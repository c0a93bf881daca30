using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Messaging.Receiving;
using Ogi.Contracts.Coordination.V1;
using Ogi.Contracts.Review.V1;
using Ogi.Intake.Api;
using Ogi.Intake.Domain;
using Ogi.Intake.Persistence;

namespace Ogi.Intake.Events;

/// <summary>
/// What intake consumes: secrecy review's conclusions (INT-9) and coordination's consultations (CO-6, the clock) and
/// conclusions (INT-9). Each handler is idempotent twice over: the inbox drops a redelivered event, and the domain
/// ignores a consultation it has already started or ended.
/// An event about an application intake does not hold, or in a state where it no longer applies, is logged and dropped:
/// retrying it could never succeed.
/// </summary>
public static partial class IntakeEventHandlers
{
    public static void Subscribe(EventSubscriptions<IntakeDbContext> events) => events
        .Subscribe<ReviewConcluded>(Topics.SecrecyReview, OnReviewConcluded)
        .Subscribe<ConsultationStarted>(Topics.Coordination, OnConsultationStarted)
        .Subscribe<ConsultationEnded>(Topics.Coordination, OnConsultationEnded)
        .Subscribe<CoordinationConcluded>(Topics.Coordination, OnCoordinationConcluded);

    private static Task OnReviewConcluded(ReviewConcluded e, HandlerContext<IntakeDbContext> context, CancellationToken ct)
    {
        if (e.Source != Contracts.Review.V1.ItemSource.ApplicationDocument)
        {
            return Task.CompletedTask;
        }

        return ApplyAsync(context, e.ApplicationId, "ReviewConcluded", ct, application =>
        {
            if (application.Documents.All(d => d.DocumentId != e.DocumentId))
            {
                return false;
            }

            var verdict = e.Opinion switch
            {
                OpinionKind.Public => ReviewVerdict.Public,
                OpinionKind.Partial => ReviewVerdict.Partial,
                OpinionKind.Exempt => ReviewVerdict.Withheld,
                _ => ReviewVerdict.Pending,
            };
            // SR-4: a state secret is never released, whatever else the review says.
            application.RecordReview(e.DocumentId, verdict, e.Classified ? Classification.Secret : Classification.None, e.ReviewId);
            return true;
        });
    }

    private static Task OnConsultationStarted(ConsultationStarted e, HandlerContext<IntakeDbContext> context, CancellationToken ct) =>
        ApplyAsync(context, e.ApplicationId, "ConsultationStarted", ct, application =>
        {
            application.StartConsultation(e.CoordinationId, e.StartedOn.RequiredDate("started_on"));
            return true;
        });

    private static Task OnConsultationEnded(ConsultationEnded e, HandlerContext<IntakeDbContext> context, CancellationToken ct) =>
        ApplyAsync(context, e.ApplicationId, "ConsultationEnded", ct, application =>
        {
            application.EndConsultation(e.CoordinationId, e.EndedOn.RequiredDate("ended_on"));
            return true;
        });

    private static Task OnCoordinationConcluded(CoordinationConcluded e, HandlerContext<IntakeDbContext> context, CancellationToken ct) =>
        ApplyAsync(context, e.ApplicationId, "CoordinationConcluded", ct, application =>
        {
            // The item reference is "<application id>/<document id>" (CoordinationRequested from intake).
            var slash = e.ItemReference.IndexOf('/', StringComparison.Ordinal);
            var documentId = slash < 0 ? e.ItemReference : e.ItemReference[(slash + 1)..];
            if (application.Documents.All(d => d.DocumentId != documentId))
            {
                return false;
            }

            application.RecordCoordination(documentId, e.ReleasePermitted);
            // A consultation still open for this coordination ends with it (CO-6).
            if (application.Stops.Any(s => s.Kind == ClockStopKind.Consultation && s.Reference == e.CoordinationId && s.IsOpen))
            {
                application.EndConsultation(e.CoordinationId, e.ConcludedOn.ToDateOnly("concluded_on") ?? LegalDay.Today(context.Services.GetRequiredService<TimeProvider>()));
            }

            return true;
        });

    /// <summary>Loads the application, applies the change, and stages the row and its events in the handler's unit of work.</summary>
    private static async Task ApplyAsync(HandlerContext<IntakeDbContext> context, string applicationId, string eventName, CancellationToken ct,
        Func<DisclosureApplication, bool> change)
    {
        var services = context.Services;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IntakeEventHandlers));
        var store = services.GetRequiredService<ApplicationStore>();
        if (!Guid.TryParse(applicationId, out var id) || await store.FindAsync(id, ct) is not { } application)
        {
            LogIgnored(logger, eventName, "application unknown to intake");
            return;
        }

        try
        {
            if (!change(application))
            {
                LogIgnored(logger, eventName, "document not attached to the application");
                return;
            }
        }
        catch (RuleViolationException e)
        {
            LogIgnored(logger, eventName, $"{e.RuleId}: the application's state does not admit it");
            return;
        }

        await store.UpdateAsync(application, services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
        services.GetRequiredService<IntakeEventPublisher>().Publish(context.Db, application, application.DequeueEvents());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake ignored {EventName}: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string eventName, string reason);
}
