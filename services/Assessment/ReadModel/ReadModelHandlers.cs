using Microsoft.EntityFrameworkCore;
using Ogi.Assessment.Domain.AnnualReport;
using Ogi.Assessment.Persistence;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Messaging.Receiving;
using Ogi.Contracts.Common.V1;
using Accountability = Ogi.Contracts.Accountability.V1;
using Coordination = Ogi.Contracts.Coordination.V1;
using Intake = Ogi.Contracts.Intake.V1;
using Review = Ogi.Contracts.Review.V1;

namespace Ogi.Assessment.ReadModel;

/// <summary>
/// Feeds the measured-indicator read model (AS-4) and table 三's counts (AS-8) from other services' events. The inbox
/// makes each delivery count once; the application's own row makes each application count once in the table
/// whatever order or how often its events come (business-key idempotency).
/// </summary>
public static class ReadModelHandlers
{
    public static void Subscribe(EventSubscriptions<AssessmentDbContext> events) => events
        .Subscribe<Intake.ApplicationRegistered>(Topics.Intake, OnRegistered)
        .Subscribe<Intake.ApplicationCorrected>(Topics.Intake, OnCorrected)
        .Subscribe<Intake.ApplicationSuspended>(Topics.Intake, OnSuspended)
        .Subscribe<Intake.ApplicationResumed>(Topics.Intake, OnResumed)
        .Subscribe<Intake.ReplyIssued>(Topics.Intake, OnReplyIssued)
        .Subscribe<Intake.DeadlineBreached>(Topics.Intake, OnDeadlineBreached)
        .Subscribe<Review.ReleaseRecorded>(Topics.SecrecyReview, OnReleaseRecorded)
        .Subscribe<Coordination.LetterAnswered>(Topics.Coordination, OnLetterAnswered)
        .Subscribe<Coordination.LetterLapsed>(Topics.Coordination, OnLetterLapsed)
        .Subscribe<Accountability.ComplaintAnswered>(Topics.Accountability, OnComplaintAnswered)
        .Subscribe<Accountability.AccountabilityDecided>(Topics.Accountability, OnAccountabilityDecided);

    private static async Task OnRegistered(Intake.ApplicationRegistered e, HandlerContext<AssessmentDbContext> context, CancellationToken ct)
    {
        var db = context.Db;
        var id = Api.Convert.Id(e.ApplicationId, "application_id");
        var column = Column(e.ApplicantType);
        var received = Api.Convert.OptionalDate(e.ReceivedOn);
        var fact = await LockAsync(db, id, ct);
        if (fact is null)
        {
            fact = new ApplicationFactRow { ApplicationId = id, AgencyCode = Api.Convert.Required(e.AgencyCode, "agency_code"), ApplicantType = column };
            db.ApplicationFacts.Add(fact);
        }

        fact.TrackingNumber ??= e.TrackingNumber;
        fact.Deadline ??= Api.Convert.OptionalDate(e.Deadline);
        if (fact.ReceivedOn is null && received is { } day)
        {
            fact.ReceivedOn = day;
            await CountAsync(db, fact.AgencyCode, day.Year, Table3Layout.NewThisYear.Index, fact.ApplicantType, 1, ct);
        }
    }

    private static async Task OnCorrected(Intake.ApplicationCorrected e, HandlerContext<AssessmentDbContext> context, CancellationToken ct)
    {
        var fact = await RequireAsync(context.Db, e.ApplicationId, ct);
        fact.Deadline = Api.Convert.OptionalDate(e.Deadline) ?? fact.Deadline;
    }

    private static async Task OnSuspended(Intake.ApplicationSuspended e, HandlerContext<AssessmentDbContext> context, CancellationToken ct)
    {
        var fact = await RequireAsync(context.Db, e.ApplicationId, ct);
        fact.Suspended = fact.RepliedOn is null;
    }

    private static async Task OnResumed(Intake.ApplicationResumed e, HandlerContext<AssessmentDbContext> context, CancellationToken ct)
    {
        var fact = await RequireAsync(context.Db, e.ApplicationId, ct);
        fact.Suspended = false;
        fact.Deadline = Api.Convert.OptionalDate(e.Deadline) ?? fact.Deadline;
    }

    private static async Task OnReplyIssued(Intake.ReplyIssued e, HandlerContext<AssessmentDbContext> context, CancellationToken ct)
    {
        var db = context.Db;
        var id = Api.Convert.Id(e.ApplicationId, "application_id");
        var row = (short)OutcomeRow(e.Outcome, e.Reason);
        var replied = Api.Convert.Date(e.RepliedOn, "replied_on");
        var fact = await LockAsync(db, id, ct);
        if (fact is null)
        {
            // The reply carries what table 三 needs, so a reply that overtakes its registration is counted in full.
            fact = new ApplicationFactRow { ApplicationId = id, AgencyCode = Api.Convert.Required(e.AgencyCode, "agency_code"), ApplicantType = Column(e.ApplicantType) };
            db.ApplicationFacts.Add(fact);
        }

        fact.TrackingNumber ??= e.TrackingNumber;
        if (fact.ReceivedOn is null)
        {
            fact.ReceivedOn = Api.Convert.Date(e.ReceivedOn, "received_on");
            await CountAsync(db, fact.AgencyCode, fact.ReceivedOn.Value.Year, Table3Layout.NewThisYear.Index, fact.ApplicantType, 1, ct);
        }

        if (fact.RepliedOn == replied && fact.OutcomeRow == row)
        {
            return;
        }

        if (fact.RepliedOn is { } earlier && fact.OutcomeRow is { } earlierRow)
        {
            // A reply given again (e.g. after a correction ordered on review) replaces the earlier one in the count.
            await CountAsync(db, fact.AgencyCode, earlier.Year, earlierRow, fact.ApplicantType, -1, ct);
        }

        fact.RepliedOn = replied;
        fact.OutcomeRow = row;
        fact.Late = e.Late;
        fact.Suspended = false;
        fact.Deadline = Api.Convert.OptionalDate(e.Deadline) ?? fact.Deadline;
        await CountAsync(db, fact.AgencyCode, replied.Year, row, fact.ApplicantType, 1, ct);
    }

    private static async Task OnDeadlineBreached(Intake.DeadlineBreached e, HandlerContext<AssessmentDbContext> context, CancellationToken ct)
    {
        var fact = await RequireAsync(context.Db, e.ApplicationId, ct);
        fact.BreachedOn ??= Api.Convert.Date(e.DetectedOn, "detected_on");
        fact.TrackingNumber ??= e.TrackingNumber;
    }

    private static async Task OnReleaseRecorded(Review.ReleaseRecorded e, HandlerContext<AssessmentDbContext> context, CancellationToken ct)
    {
        var db = context.Db;
        var fact = await db.ReleaseFacts.FindAsync([e.ItemId], ct);
        if (fact is null)
        {
            fact = new ReleaseFactRow { ItemId = Api.Convert.Required(e.ItemId, "item_id"), AgencyCode = Api.Convert.Required(e.AgencyCode, "agency_code") };
            db.ReleaseFacts.Add(fact);
        }

        fact.Proactive = e.Source == Review.ItemSource.ProactivePublication;
        fact.Reviewed = e.Reviewed;
        fact.ReleasedOn = Api.Convert.Date(e.ReleasedOn, "released_on");
        fact.PublicationDeadline = Api.Convert.OptionalDate(e.PublicationDeadline);
        fact.WithinPeriod = e.WithinPeriod;
    }

    private static async Task OnLetterAnswered(Coordination.LetterAnswered e, HandlerContext<AssessmentDbContext> context, CancellationToken ct)
    {
        var fact = await LetterAsync(context.Db, e.CoordinationId, e.AnsweringAgencyCode, Api.Convert.Date(e.DueOn, "due_on"), ct);
        fact.AnsweredOn = Api.Convert.Date(e.AnsweredOn, "answered_on");
        fact.OnTime = e.OnTime;
    }

    private static async Task OnLetterLapsed(Coordination.LetterLapsed e, HandlerContext<AssessmentDbContext> context, CancellationToken ct)
    {
        var fact = await LetterAsync(context.Db, e.CoordinationId, e.SilentAgencyCode, Api.Convert.Date(e.DueOn, "due_on"), ct);
        fact.OnTime = fact.AnsweredOn is not null && fact.OnTime;
    }

    private static async Task OnComplaintAnswered(Accountability.ComplaintAnswered e, HandlerContext<AssessmentDbContext> context, CancellationToken ct)
    {
        var db = context.Db;
        var fact = await db.ComplaintFacts.FindAsync([e.CaseId], ct);
        if (fact is null)
        {
            fact = new ComplaintFactRow { CaseId = Api.Convert.Required(e.CaseId, "case_id"), AgencyCode = Api.Convert.Required(e.AgencyCode, "agency_code") };
            db.ComplaintFacts.Add(fact);
        }

        fact.DueOn = Api.Convert.Date(e.DueOn, "due_on");
        fact.AnsweredOn = Api.Convert.Date(e.AnsweredOn, "answered_on");
        fact.OnTime = e.OnTime;
    }

    private static async Task OnAccountabilityDecided(Accountability.AccountabilityDecided e, HandlerContext<AssessmentDbContext> context, CancellationToken ct)
    {
        var db = context.Db;
        if (await db.AccountabilityDecisions.FindAsync([e.CaseId], ct) is not null)
        {
            return;
        }

        db.AccountabilityDecisions.Add(new AccountabilityDecisionRow
        {
            CaseId = Api.Convert.Required(e.CaseId, "case_id"),
            AgencyCode = Api.Convert.Required(e.Unit?.AgencyCode ?? "", "unit.agency_code"),
            Violation = Accountability.AccountabilityDecided.Descriptor.FindFieldByName("violation").EnumType.FindValueByNumber((int)e.Violation)?.GetOptions()?.GetExtension(OptionsExtensions.LabelZh) ?? e.Violation.ToString(),
            DecidedOn = Api.Convert.Date(e.DecidedOn, "decided_on"),
        });
    }

    /// <summary>The table 三 row of an outcome and its sub-reason (INT-8): refused when they do not belong together.</summary>
    public static int OutcomeRow(Intake.ReplyOutcome outcome, Intake.OutcomeReason reason)
    {
        var domainOutcome = Api.Convert.Enum<ReplyOutcome>((int)outcome, "outcome");
        if (!domainOutcome.NeedsReason())
        {
            return domainOutcome == ReplyOutcome.Disclosed ? Table3Layout.Disclosed.Index : Table3Layout.PartiallyDisclosed.Index;
        }

        var domainReason = Api.Convert.Reason(reason, "reason");
        return domainReason.Outcome() == domainOutcome
            ? Table3Layout.RowFor(domainReason).Index
            : throw new InvalidInputException("reason", $"{domainReason.Chinese()} is not a sub-reason of {domainOutcome.Chinese()}");
    }

    private static short Column(Intake.ApplicantType type) => (short)Api.Convert.Enum<ApplicantType>((int)type, "applicant_type");

    private static Task<ApplicationFactRow?> LockAsync(AssessmentDbContext db, Guid id, CancellationToken ct) =>
        db.ApplicationFacts.FromSql($"SELECT * FROM assessment.application_facts WHERE application_id = {id} FOR UPDATE").SingleOrDefaultAsync(ct);

    // A follow-up event for an application not registered here yet: fail, so the dispatcher retries after the registration.
    private static async Task<ApplicationFactRow> RequireAsync(AssessmentDbContext db, string applicationId, CancellationToken ct) =>
        await LockAsync(db, Api.Convert.Id(applicationId, "application_id"), ct)
        ?? throw new InvalidOperationException($"application {applicationId} is not registered here yet");

    private static async Task<LetterFactRow> LetterAsync(AssessmentDbContext db, string coordinationId, string agencyCode, DateOnly dueOn, CancellationToken ct)
    {
        var fact = await db.LetterFacts.FindAsync([coordinationId, agencyCode], ct);
        if (fact is null)
        {
            fact = new LetterFactRow { CoordinationId = Api.Convert.Required(coordinationId, "coordination_id"), AgencyCode = Api.Convert.Required(agencyCode, "agency_code") };
            db.LetterFacts.Add(fact);
        }

        fact.DueOn = dueOn;
        return fact;
    }

    private static Task CountAsync(AssessmentDbContext db, string agencyCode, int year, int row, short column, int delta, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO assessment.table3_counts (agency_code, year, row, applicant_type, count)
            VALUES ({agencyCode}, {year}, {(short)row}, {column}, {(long)delta})
            ON CONFLICT (agency_code, year, row, applicant_type) DO UPDATE SET count = assessment.table3_counts.count + EXCLUDED.count
            """, ct);
}
