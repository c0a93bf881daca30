using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Messaging;
using Ogi.Intake.Domain;
using Ogi.Intake.Persistence;
using P = Ogi.Contracts.Intake.V1;

namespace Ogi.Intake.Api;

/// <summary>
/// Turns what an application recorded into the contract's events (protos/ogi/intake/v1/events.proto) and adds them
/// to the outbox in the caller's unit of work, on topic "intake"; ReplyIssued also on "decisions" (INT-13).
/// </summary>
public sealed class IntakeEventPublisher(Outbox outbox, DeadlineCalculator calendar, TimeProvider clock)
{
    /// <param name="documentTexts">The full texts of documents attached in this command, for their review requests.</param>
    /// <param name="actorId">The staff member behind the command (a review's submitter, SR-2).</param>
    public void Publish(IntakeDbContext db, DisclosureApplication application, IReadOnlyList<IntakeEvent> events,
        IReadOnlyDictionary<string, string>? documentTexts = null, string actorId = "")
    {
        var aggregateId = application.Id.ToString();
        foreach (var recorded in events)
        {
            var message = ToContract(application, recorded, documentTexts, actorId);
            outbox.Add(db, Topics.Intake, aggregateId, message);
            if (message is P.ReplyIssued)
            {
                outbox.Add(db, Topics.Decisions, aggregateId, message);
            }
        }
    }

    public void Publish(IntakeDbContext db, DisclosureApplication application, string topic, IMessage message) =>
        outbox.Add(db, topic, application.Id.ToString(), message);

    private IMessage ToContract(DisclosureApplication application, IntakeEvent recorded, IReadOnlyDictionary<string, string>? documentTexts, string actorId)
    {
        var id = application.Id.ToString();
        var deadline = application.Deadline(calendar)?.DeadlineDate.ToDate();
        return recorded switch
        {
            ApplicationRegistered e => new P.ApplicationRegistered
            {
                ApplicationId = id,
                AgencyCode = e.AgencyCode,
                TrackingNumber = e.TrackingNumber,
                ApplicantType = (P.ApplicantType)(int)e.ApplicantType,
                ReceivedOn = e.ReceivedOn.ToDate(),
                Deadline = deadline,
                RegisteredAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()),
            },
            CorrectionRequested e => new P.CorrectionRequested
            {
                ApplicationId = id,
                AgencyCode = e.AgencyCode,
                IssuedOn = e.IssuedOn.ToDate(),
                DueOn = e.DueOn.ToDate(),
                Items = e.Items,
            },
            ApplicationCorrected e => new P.ApplicationCorrected { ApplicationId = id, AgencyCode = e.AgencyCode, CorrectedOn = e.CorrectedOn.ToDate(), Deadline = deadline },
            ClockStopped e => new P.ApplicationSuspended
            {
                ApplicationId = id,
                AgencyCode = e.AgencyCode,
                Kind = (P.ClockStopKind)(int)e.Kind,
                Reference = e.Reference,
                StoppedOn = e.On.ToDate(),
            },
            ClockResumed e => new P.ApplicationResumed
            {
                ApplicationId = id,
                AgencyCode = e.AgencyCode,
                Kind = (P.ClockStopKind)(int)e.Kind,
                Reference = e.Reference,
                ResumedOn = e.On.ToDate(),
                Deadline = deadline,
            },
            DeadlineExtended e => new P.DeadlineExtended { ApplicationId = id, AgencyCode = e.AgencyCode, WorkingDays = e.WorkingDays, Deadline = e.NewDeadline.ToDate() },
            ReviewRequested e => new P.ReviewRequested
            {
                ApplicationId = id,
                AgencyCode = e.AgencyCode,
                DocumentId = e.DocumentId,
                Title = e.Title,
                Text = documentTexts?.GetValueOrDefault(e.DocumentId) ?? "",
                SubmittedBy = actorId,
                ReplyDeadline = deadline,
            },
            ReplyIssued e => new P.ReplyIssued
            {
                ApplicationId = id,
                AgencyCode = e.AgencyCode,
                TrackingNumber = e.TrackingNumber,
                ApplicantType = (P.ApplicantType)(int)e.ApplicantType,
                Outcome = (P.ReplyOutcome)(int)e.Outcome,
                Reason = (P.OutcomeReason)(int)e.Reason,
                LegalBasis = e.LegalBasis,
                ReceivedOn = e.ReceivedOn.ToDate(),
                Deadline = e.Deadline.ToDate(),
                RepliedOn = e.RepliedOn.ToDate(),
                Late = e.Late,
            },
            DeadlineApproaching e => new P.DeadlineApproaching { ApplicationId = id, AgencyCode = e.AgencyCode, Deadline = e.Deadline.ToDate(), WorkingDaysLeft = e.WorkingDaysLeft },
            DeadlineBreached e => new P.DeadlineBreached
            {
                ApplicationId = id,
                AgencyCode = e.AgencyCode,
                TrackingNumber = e.TrackingNumber,
                Deadline = e.Deadline.ToDate(),
                HandlerId = e.HandlerId,
                DetectedOn = LegalDay.Today(clock).ToDate(),
            },
            _ => throw new InvalidOperationException($"no contract for {recorded.GetType().Name}"),
        };
    }
}
